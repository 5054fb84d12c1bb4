/** Strings of the customer display. Large, short, friendly. en and zh-CN must have the same keys. */
export const en = {
  welcome: 'Welcome',
  storeName: 'QRC POS',
  items: '{n} item | {n} items',
  discount: 'Discount',
  tax: 'Tax',
  total: 'Total',
  presentCode: 'Present your payment code',
  presentHint: 'Open the Pay code in Alipay or WeChat Pay and show it to the cashier.',
  confirm: 'Confirm in your wallet app',
  confirmHint: 'Check your phone: enter your PIN or tap to confirm the payment.',
  approved: 'Approved, thank you!',
  approvedHint: 'Please take your receipt.',
  declined: 'Payment declined',
  declinedReason: 'Reason: {reason}',
  declinedNext:
    'Please check your wallet balance or limits and show a new code, or ask the cashier for another way to pay.',
  amountDue: 'Amount due'
}

export const zhCN: typeof en = {
  welcome: '欢迎光临',
  storeName: 'QRC POS',
  items: '{n} 件 | {n} 件',
  discount: '优惠',
  tax: '税额',
  total: '合计',
  presentCode: '请出示付款码',
  presentHint: '请在支付宝或微信中打开“付款码”，出示给收银员扫描。',
  confirm: '请在钱包应用中确认付款',
  confirmHint: '请查看手机：输入支付密码或点击确认。',
  approved: '支付成功，谢谢惠顾！',
  approvedHint: '请拿好您的小票。',
  declined: '支付未成功',
  declinedReason: '原因：{reason}',
  declinedNext: '请检查钱包余额或限额后重新出示付款码，或向收银员询问其他付款方式。',
  amountDue: '应付金额'
}
