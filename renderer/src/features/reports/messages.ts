/** Strings of the reports screen: X/Z, day reports, CSV export, reconciliation. en and zh-CN share keys. */
export const en = {
  title: 'Reports',
  tabs: {
    x: 'Today so far (X)',
    day: 'A day',
    z: 'Close the day (Z)',
    list: 'Closed days',
    export: 'Export CSV',
    reconcile: 'Reconcile'
  },
  report: {
    x: 'X report — not closed',
    day: 'Day report {day}',
    z: 'Z report #{number}',
    period: '{from} → {to}',
    sales: 'Sales',
    refunds: 'Refunds',
    voids: 'Voids',
    net: 'Net',
    byWallet: 'By wallet',
    byStatus: 'Payment attempts by status',
    exceptions: 'Exceptions',
    noExceptions: 'No exceptions.',
    hourly: 'Sales by hour',
    wallet: 'Wallet',
    count: 'Count',
    amount: 'Amount',
    unknownWallet: 'Unknown',
    kinds: {
      unresolved: 'Unresolved payment',
      in_progress: 'Payment not finished',
      reversed: 'Reversed payment',
      cancelled: 'Cancelled payment',
      refund: 'Refund',
      void: 'Void',
      override: 'Manual override'
    },
    sale: 'Sale #{id}',
    refresh: 'Refresh (F5)',
    print: 'Print',
    pdf: 'Save PDF',
    preview: 'Preview',
    paper: 'Paper'
  },
  day: { pick: 'Day', show: 'Show' },
  z: {
    explain:
      'Closing the day numbers the report and freezes it: it can be reprinted but never changed. The next report starts where this one ends.',
    pin: 'Manager PIN',
    close: 'Close the day',
    closing: 'Closing…',
    closed: 'Day closed: Z report #{number}.',
    confirm: 'Close the day now?'
  },
  list: {
    empty: 'No day has been closed yet.',
    number: 'No.',
    day: 'Day',
    closedAt: 'Closed',
    sales: 'Sales',
    net: 'Net',
    open: 'Open'
  },
  export: {
    explain:
      'Every payment attempt, refund and void of the days, oldest first, to a CSV file in the data folder’s exports.',
    from: 'From',
    to: 'To',
    start: 'Export',
    cancel: 'Cancel export',
    progress: '{rows} of {total} rows',
    done: 'Saved {rows} rows to {file}',
    cancelled: 'Export cancelled; no file was kept.',
    badRange: 'Pick a start day on or before the end day.'
  },
  reconcile: {
    explain: 'Compares Pockyt’s transaction list for the day with this till’s ledger, line by line. Needs the network.',
    day: 'Day',
    run: 'Reconcile',
    running: 'Asking Pockyt…',
    summary: 'Ledger {ledger} · Pockyt {pockyt} · matching {matched}',
    allGood: 'The ledger and Pockyt agree.',
    kind: 'Problem',
    transactionNo: 'Transaction no.',
    ledger: 'Ledger',
    pockyt: 'Pockyt',
    what: 'What to do',
    kinds: {
      missing_in_ledger: 'Only at Pockyt',
      missing_at_pockyt: 'Only in the ledger',
      paid_at_pockyt_only: 'Paid at Pockyt only',
      paid_in_ledger_only: 'Paid in the ledger only',
      amount: 'Amounts differ',
      refunded: 'Refunds differ',
      unresolved: 'Not settled yet'
    }
  },
  errors: {
    PIN_REQUIRED: '{message}',
    CONFLICT: '{message}',
    NOT_FOUND: '{message}',
    BAD_INPUT: '{message}',
    POCKYT_UNREACHABLE: '{message}',
    POCKYT_REJECTED: '{message}',
    transport: 'The app could not reach its main process. Try again.'
  },
  help: { group: 'Reports', refresh: 'Refresh the report' }
}

export const zhCN: typeof en = {
  title: '报表',
  tabs: { x: '今日至今 (X)', day: '某一天', z: '日结 (Z)', list: '已日结', export: '导出 CSV', reconcile: '对账' },
  report: {
    x: 'X 报表 — 未日结',
    day: '{day} 日报表',
    z: 'Z 报表 #{number}',
    period: '{from} 至 {to}',
    sales: '销售',
    refunds: '退款',
    voids: '撤销',
    net: '净额',
    byWallet: '按钱包',
    byStatus: '付款尝试（按状态）',
    exceptions: '异常',
    noExceptions: '无异常。',
    hourly: '每小时销售',
    wallet: '钱包',
    count: '笔数',
    amount: '金额',
    unknownWallet: '未知',
    kinds: {
      unresolved: '未解决的付款',
      in_progress: '未完成的付款',
      reversed: '已冲正的付款',
      cancelled: '已取消的付款',
      refund: '退款',
      void: '撤销',
      override: '人工确认'
    },
    sale: '销售 #{id}',
    refresh: '刷新 (F5)',
    print: '打印',
    pdf: '保存 PDF',
    preview: '预览',
    paper: '纸张'
  },
  day: { pick: '日期', show: '显示' },
  z: {
    explain: '日结会为报表编号并冻结：可以重印，但不能更改。下一份报表从此结束处开始。',
    pin: '经理密码',
    close: '立即日结',
    closing: '正在日结…',
    closed: '已日结：Z 报表 #{number}。',
    confirm: '现在日结吗？'
  },
  list: {
    empty: '还没有日结记录。',
    number: '编号',
    day: '日期',
    closedAt: '日结时间',
    sales: '销售',
    net: '净额',
    open: '打开'
  },
  export: {
    explain: '将所选日期内的每次付款尝试、退款和撤销按时间顺序导出到数据文件夹 exports 中的 CSV 文件。',
    from: '从',
    to: '到',
    start: '导出',
    cancel: '取消导出',
    progress: '{rows} / {total} 行',
    done: '已保存 {rows} 行到 {file}',
    cancelled: '导出已取消，未保留文件。',
    badRange: '开始日期不能晚于结束日期。'
  },
  reconcile: {
    explain: '逐笔比对 Pockyt 当日交易列表与本收银台账本，需要网络。',
    day: '日期',
    run: '对账',
    running: '正在查询 Pockyt…',
    summary: '账本 {ledger} · Pockyt {pockyt} · 一致 {matched}',
    allGood: '账本与 Pockyt 一致。',
    kind: '问题',
    transactionNo: '交易号',
    ledger: '账本',
    pockyt: 'Pockyt 端',
    what: '处理建议',
    kinds: {
      missing_in_ledger: '仅 Pockyt 有',
      missing_at_pockyt: '仅账本有',
      paid_at_pockyt_only: '仅 Pockyt 显示已付',
      paid_in_ledger_only: '仅账本显示已付',
      amount: '金额不一致',
      refunded: '退款不一致',
      unresolved: '尚未结清'
    }
  },
  errors: {
    PIN_REQUIRED: '需要经理密码：{message}',
    CONFLICT: '无法完成：{message}',
    NOT_FOUND: '未找到：{message}',
    BAD_INPUT: '输入有误：{message}',
    POCKYT_UNREACHABLE: '无法连接 Pockyt：{message}',
    POCKYT_REJECTED: 'Pockyt 拒绝：{message}',
    transport: '无法连接应用主进程，请重试。'
  },
  help: { group: '报表', refresh: '刷新报表' }
}
