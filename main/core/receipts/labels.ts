/** Printed words of receipts and reports, English and Simplified Chinese (picked by the print locale). */
export const EN = {
  training: 'TRAINING - NOT A PAYMENT',
  reprint: 'REPRINT',
  sale: 'SALE',
  refund: 'REFUND',
  void: 'VOID',
  customerCopy: 'Customer copy',
  merchantCopy: 'Merchant copy',
  receiptNo: 'Receipt no.',
  time: 'Time',
  terminal: 'Till',
  subtotal: 'Subtotal',
  discount: 'Discount',
  tax: 'Tax',
  total: 'TOTAL',
  refunded: 'Refunded',
  voided: 'Voided',
  code: 'Payment code',
  reference: 'Our reference',
  transactionNo: 'Transaction no.',
  originalTransactionNo: 'Original transaction no.',
  refundTransactionNo: 'Refund transaction no.',
  refundReference: 'Refund reference',
  reason: 'Reason',
  wallet: 'Wallet',
  thanks: 'Thank you!',
  keep: 'Keep with the day’s records',
  status: {
    paid: 'PAID',
    unpaid: 'NOT PAID',
    refunded: 'REFUNDED',
    partially_refunded: 'PARTIALLY REFUNDED',
    voided: 'VOIDED'
  },
  refundState: { succeeded: 'APPROVED', failed: 'FAILED - NOTHING REFUNDED', pending: 'NOT CONFIRMED YET' }
}

export type ReceiptLabels = typeof EN

export const ZH_CN: ReceiptLabels = {
  training: '培训模式 - 非真实付款 (TRAINING - NOT A PAYMENT)',
  reprint: '重印 (REPRINT)',
  sale: '销售',
  refund: '退款',
  void: '撤销',
  customerCopy: '顾客联',
  merchantCopy: '商户联',
  receiptNo: '小票号',
  time: '时间',
  terminal: '收银台',
  subtotal: '小计',
  discount: '折扣',
  tax: '税',
  total: '合计',
  refunded: '已退款',
  voided: '已撤销',
  code: '付款码',
  reference: '商户单号',
  transactionNo: '交易号',
  originalTransactionNo: '原交易号',
  refundTransactionNo: '退款交易号',
  refundReference: '退款单号',
  reason: '原因',
  wallet: '钱包',
  thanks: '谢谢惠顾！',
  keep: '请随当日单据保存',
  status: {
    paid: '已付款',
    unpaid: '未付款',
    refunded: '已全额退款',
    partially_refunded: '部分退款',
    voided: '已撤销'
  },
  refundState: { succeeded: '已批准', failed: '失败 - 未退款', pending: '尚未确认' }
}

export function receiptLabels(locale: string): ReceiptLabels {
  return locale.toLowerCase().startsWith('zh') ? ZH_CN : EN
}
