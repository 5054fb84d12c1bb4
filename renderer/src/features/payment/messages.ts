/** Strings of the wallet payment panel. en and zh-CN must have the same keys. */
export const en = {
  title: 'Digital wallet payment',
  amount: 'Amount due',
  state: {
    created: 'Creating the transaction…',
    awaiting_code: 'Ready for the customer’s payment code',
    prepay_sent: 'Sending the code to the wallet…',
    pending: 'Waiting for the customer to confirm in the wallet',
    reversing: 'Cancelling the payment…',
    reversingUnsent: 'Closing the unused transaction…',
    succeeded: 'Approved',
    failed: 'Declined',
    cancelled: 'Payment cancelled',
    reversed: 'Payment cancelled and returned'
  },
  explain: {
    created: 'Pockyt is preparing the transaction. The customer can open their payment code now.',
    awaiting_code: 'Use the USB scanner, the camera, or type the digits under the barcode.',
    prepay_sent: 'The code is on its way to the wallet.',
    pending: 'The customer may need to enter a PIN or confirm in the wallet app. Cancel if they cannot pay.',
    reversing:
      'Pockyt is asked to cancel, then the app checks whether the customer paid. If they did, the sale is marked paid; otherwise nothing is charged. Please wait.',
    reversingUnsent: 'The customer was not charged. The unused transaction is being closed with Pockyt.',
    unresolved:
      'Pockyt cannot be reached right now. The app keeps retrying by itself, even after a restart. Do not take another wallet payment for this sale until this settles; it will show in History.',
    succeeded: 'The customer has paid. Give them the receipt.',
    failed:
      'The wallet refused the payment. Ask the customer to check their wallet (balance, limits) and scan a new code, or use another payment method.',
    cancelled: 'Nothing was charged. You can scan a new code or go back to the sale.',
    reversed: 'Nothing was charged (any amount taken was returned). You can scan a new code or go back to the sale.'
  },
  reason: 'Reason: {reason}',
  elapsed: 'Waiting {time}',
  cancel: 'Cancel payment (Esc)',
  close: 'Back to the sale (Esc)',
  scanAgain: 'Scan a new code: the USB scanner, the camera or typing all work.',
  codeReused:
    'This code was already used. Ask the customer to refresh the payment code in their wallet, then scan again.',
  newSale: 'Next customer (Enter)',
  reprint: 'Print again (Ctrl+P)',
  receipt: {
    title: 'Receipt summary',
    wallet: 'Wallet',
    transaction: 'Transaction no.',
    reference: 'Reference',
    code: 'Payment code',
    paidAt: 'Paid at',
    total: 'Total paid'
  },
  oneScan: 'Payment started from a scanned code',
  codeRead: 'Code read: …{last4}',
  productDuringPayment: 'A payment is in progress: finish or cancel it before adding items.',
  salePaid: 'This sale is paid. Press Enter for the next customer, then scan their items.',
  errors: {
    PAYMENT_IN_PROGRESS: 'A payment is already in progress on this till. Finish or cancel it first.',
    POCKYT_UNREACHABLE: 'Pockyt could not be reached, so the code was not sent. Check the connection and scan again.',
    POCKYT_REJECTED: 'Pockyt refused the request: {message}',
    POCKYT_DECLINED: 'The wallet declined: {message}',
    transport: 'The till did not answer. Please try again.',
    CONFLICT: 'The payment cannot start: {message}',
    BAD_INPUT: 'That is not a valid payment code. Scan it again.',
    generic: 'That did not work: {message}'
  },
  help: {
    group: 'Payment',
    pay: 'Digital wallet: take a wallet payment',
    cancel: 'Cancel the payment / close the panel',
    next: 'Next customer after approval',
    manual: 'Type the payment code by hand',
    reprint: 'Print the receipt again'
  }
}

export const zhCN: typeof en = {
  title: '电子钱包收款',
  amount: '应付金额',
  state: {
    created: '正在创建交易…',
    awaiting_code: '等待顾客出示付款码',
    prepay_sent: '正在将付款码发送到钱包…',
    pending: '等待顾客在钱包中确认付款',
    reversing: '正在撤销付款…',
    reversingUnsent: '正在关闭未使用的交易…',
    succeeded: '付款成功',
    failed: '付款被拒绝',
    cancelled: '付款已取消',
    reversed: '付款已撤销并退回'
  },
  explain: {
    created: 'Pockyt 正在准备交易，顾客现在可以打开付款码。',
    awaiting_code: '可使用 USB 扫码枪、摄像头，或手动输入条码下方的数字。',
    prepay_sent: '付款码正在发送到钱包。',
    pending: '顾客可能需要在钱包应用中输入密码或确认。如果顾客无法付款，请取消。',
    reversing: '正在请求 Pockyt 撤销，然后核实顾客是否已付款。如已付款，本单将标记为已付；否则不会扣款。请稍候。',
    reversingUnsent: '顾客未被扣款，正在与 Pockyt 关闭未使用的交易。',
    unresolved:
      '目前无法连接 Pockyt，应用会自动重试（重启后也会继续）。在此之前请勿为本单再次收取钱包付款；结果会显示在交易记录中。',
    succeeded: '顾客已付款，请将小票交给顾客。',
    failed: '钱包拒绝了本次付款。请顾客检查钱包（余额、限额）后重新出示付款码，或改用其他付款方式。',
    cancelled: '未扣款。您可以扫描新的付款码，或返回收银界面。',
    reversed: '未扣款（已扣金额已退回）。您可以扫描新的付款码，或返回收银界面。'
  },
  reason: '原因：{reason}',
  elapsed: '已等待 {time}',
  cancel: '取消付款 (Esc)',
  close: '返回收银 (Esc)',
  scanAgain: '请扫描新的付款码：USB 扫码枪、摄像头或手动输入均可。',
  codeReused: '此付款码已使用过。请顾客在钱包中刷新付款码后重新扫描。',
  newSale: '下一位顾客 (Enter)',
  reprint: '再打印一份 (Ctrl+P)',
  receipt: {
    title: '小票摘要',
    wallet: '钱包',
    transaction: '交易号',
    reference: '参考号',
    code: '付款码',
    paidAt: '付款时间',
    total: '实付金额'
  },
  oneScan: '已根据扫描的付款码开始收款',
  codeRead: '已读取付款码：…{last4}',
  productDuringPayment: '正在付款：请先完成或取消付款，再添加商品。',
  salePaid: '本单已付款。请按回车键接待下一位顾客，再扫描商品。',
  errors: {
    PAYMENT_IN_PROGRESS: '本收银台已有一笔付款正在进行，请先完成或取消。',
    POCKYT_UNREACHABLE: '无法连接 Pockyt，付款码未发送。请检查网络后重新扫描。',
    POCKYT_REJECTED: 'Pockyt 拒绝了请求：{message}',
    POCKYT_DECLINED: '钱包拒绝付款：{message}',
    transport: '收银主程序没有响应，请重试。',
    CONFLICT: '无法开始付款（本单可能已付款、已挂单或金额为零）：{message}',
    BAD_INPUT: '付款码格式不正确，请重新扫描。',
    generic: '操作未成功：{message}'
  },
  help: {
    group: '付款',
    pay: '电子钱包：收取钱包付款',
    cancel: '取消付款 / 关闭面板',
    next: '付款成功后接待下一位顾客',
    manual: '手动输入付款码',
    reprint: '再次打印小票'
  }
}
