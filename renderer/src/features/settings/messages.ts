/** Strings of the settings screen. en and zh-CN must have the same keys. */
export const en = {
  title: 'Settings',
  loading: 'Loading settings…',
  problem: 'The settings file could not be read: {problem}',
  sections: {
    store: 'Store',
    money: 'Money and payments',
    devices: 'Devices and languages',
    pockyt: 'Pockyt connection',
    security: 'Manager PIN',
    backup: 'Backups and diagnostics'
  },
  save: 'Save changes',
  discard: 'Discard changes',
  saved: 'Saved.',
  unsaved: '{count} unsaved change(s)',
  notSaved: 'Nothing was saved: fix the fields marked below.',
  managerPin: 'Manager PIN',
  managerPinHint: 'Needed to save settings, change the token, switch mode or restore a backup.',
  fields: {
    storeName: 'Store name',
    storeAddress: 'Address (up to 4 lines)',
    storeLogo: 'Logo',
    logoChoose: 'Choose an image…',
    logoRemove: 'Remove logo',
    logoNone: 'No logo',
    logoFile: 'File in the data folder: {name}',
    currency: 'Currency',
    taxRates: 'Tax rates',
    paymentTimeoutSeconds: 'Payment timeout (seconds)',
    paymentTimeoutHint:
      'From {min} to {max} seconds. After this the payment is cancelled at Pockyt. Applies to the next payment.',
    customerDisplay: 'Customer display',
    displayNone: 'None',
    displayAuto: 'Automatic (second screen)',
    displayId: 'Display number',
    displayChosen: 'A specific display',
    cashierLanguage: 'Cashier language',
    displayLanguage: 'Customer display language',
    receiptPrinter: 'Receipt printer',
    printerNone: 'No receipt printer (on screen only)',
    printerName: 'Printer name',
    cameraDeviceId: 'Camera',
    cameraDefault: 'Default camera',
    cameraUnnamed: 'Camera {n}',
    pockytEnvironment: 'Environment',
    pockytCustomUrl: 'Custom URL',
    merchantNo: 'Merchant number',
    storeNo: 'Store number',
    storeAdminNo: 'Store admin number (optional)',
    payPath: 'Pay path'
  },
  languages: { en: 'English', 'zh-CN': 'Simplified Chinese (简体中文)' },
  environments: {
    production: 'Production',
    sandbox: 'Sandbox',
    legacySandbox: 'Legacy sandbox',
    custom: 'Custom URL'
  },
  tax: {
    id: 'Id',
    name: 'Name',
    rate: 'Rate (%)',
    add: 'Add a tax rate',
    remove: 'Remove tax rate {name}',
    none: 'No tax rates: prices are charged as entered.',
    badRate: 'Enter the rate as a percentage, e.g. 8.25'
  },
  token: {
    label: 'API token',
    set: 'A token is stored. It is never shown.',
    notSet: 'No token stored.',
    fromEnv: 'The token comes from the environment the harness was started with (the POCKYT_* variables).',
    placeholder: 'Paste a new token',
    replace: 'Save token',
    clear: 'Remove token',
    saved: 'Token saved.',
    cleared: 'Token removed.'
  },
  connection: {
    test: 'Test connection',
    testing: 'Testing…',
    saveFirst: 'Save your changes before testing.',
    never: 'Not tested with these credentials yet.',
    outcome: {
      works: 'Works',
      'wrong-credentials': 'Wrong credentials',
      unreachable: 'Pockyt unreachable'
    },
    at: 'Tested {time} against {url}'
  },
  mode: {
    title: 'Mode',
    training: 'Training: payments go to the built-in simulator.',
    live: 'Live: payments take real money.',
    waiting: 'The switch waits until the payment or refund in progress is settled ({mode} until then).',
    fromEnv:
      'Live credentials come from the POCKYT_* environment variables here: they are used instead of these settings.',
    goLive: 'Go live…',
    backToTraining: 'Back to training',
    needsTest: 'Going live needs credentials that passed “Test connection”.',
    confirmTitle: 'Take real payments?',
    confirmText: 'From now on, scanned codes charge customers real money through Pockyt ({url}).',
    confirm: 'Yes, go live',
    cancel: 'Cancel'
  },
  pin: {
    set: 'A manager PIN is set.',
    notSet: 'No manager PIN yet: anyone can change settings, refunds and voids.',
    current: 'Current PIN',
    new: 'New PIN (4 to 8 digits)',
    repeat: 'Repeat the new PIN',
    mismatch: 'The two PINs differ.',
    format: 'A PIN is 4 to 8 digits.',
    saveSet: 'Set PIN',
    saveChange: 'Change PIN',
    saved: 'PIN saved.'
  },
  backup: {
    now: 'Back up now',
    done: 'Backup made: {name}',
    list: 'Backups (kept 30 days)',
    none: 'No backups yet.',
    reasons: {
      manual: 'manual',
      'close-of-day': 'close of day',
      daily: 'daily',
      'before-restore': 'before restore'
    },
    restore: 'Restore…',
    restoreTitle: 'Restore {name}?',
    restoreText:
      'Every sale recorded after this backup will be replaced. A copy of the current ledger is kept. The app must restart afterwards.',
    restoreConfirm: 'Restore this backup',
    restored: 'Restored {name}. Restart the app now.',
    size: '{kb} KB'
  },
  display: {
    reopen: 'Show the customer display again',
    reopened: 'The customer display window is open.',
    none: 'No customer display window to open: Settings say "None", or the display is a browser page here (/display.html).'
  },
  diagnostics: {
    export: 'Export diagnostics',
    done: 'Diagnostics saved to {path}',
    what: 'A zip of the logs and app information for support. It never contains the token or the sales ledger.'
  },
  errors: {
    required: 'Required.',
    tooShort: 'At least {min} characters.',
    tooLong: 'Too long: at most {max} characters.',
    tooLow: 'At least {min}.',
    tooHigh: 'At most {max}.',
    tooMany: 'At most {max} entries.',
    notInteger: 'Whole numbers only.',
    choose: 'Choose a value from the list.',
    digits: 'Digits only (e.g. 200043).',
    format: 'This is not in the right format.',
    missingFile: 'There is no such file in the data folder.',
    invalid: 'This value is not valid.',
    row: 'Tax rate {row}: ',
    custom: {
      storeAddress: 'The address fits on at most 4 lines.',
      storeLogo: 'The logo must be a PNG, JPEG or WebP image under {kb} KB.',
      pockytCustomUrl: 'Enter a URL starting with https:// (plain http only for a simulator on 127.0.0.1).',
      taxRates: 'Two tax rates have the same id.'
    }
  },
  transport: 'The app did not answer. Please try again.'
}

export const zhCN: typeof en = {
  title: '设置',
  loading: '正在加载设置…',
  problem: '无法读取设置文件：{problem}',
  sections: {
    store: '店铺',
    money: '金额与付款',
    devices: '设备与语言',
    pockyt: 'Pockyt 连接',
    security: '经理密码',
    backup: '备份与诊断'
  },
  save: '保存更改',
  discard: '放弃更改',
  saved: '已保存。',
  unsaved: '{count} 项未保存的更改',
  notSaved: '未保存任何内容：请修正下面标出的字段。',
  managerPin: '经理密码',
  managerPinHint: '保存设置、更换令牌、切换模式或恢复备份时需要。',
  fields: {
    storeName: '店铺名称',
    storeAddress: '地址（最多 4 行）',
    storeLogo: '标志',
    logoChoose: '选择图片…',
    logoRemove: '移除标志',
    logoNone: '没有标志',
    logoFile: '数据文件夹中的文件：{name}',
    currency: '币种',
    taxRates: '税率',
    paymentTimeoutSeconds: '付款超时（秒）',
    paymentTimeoutHint: '{min} 到 {max} 秒。超时后将在 Pockyt 取消付款。从下一笔付款起生效。',
    customerDisplay: '顾客显示屏',
    displayNone: '不使用',
    displayAuto: '自动（第二块屏幕）',
    displayId: '显示器编号',
    displayChosen: '指定显示器',
    cashierLanguage: '收银界面语言',
    displayLanguage: '顾客显示屏语言',
    receiptPrinter: '小票打印机',
    printerNone: '不使用小票打印机（仅屏幕显示）',
    printerName: '打印机名称',
    cameraDeviceId: '摄像头',
    cameraDefault: '默认摄像头',
    cameraUnnamed: '摄像头 {n}',
    pockytEnvironment: '环境',
    pockytCustomUrl: '自定义网址',
    merchantNo: '商户号',
    storeNo: '门店号',
    storeAdminNo: '店员号（可选）',
    payPath: '付款路径'
  },
  languages: { en: '英语 (English)', 'zh-CN': '简体中文' },
  environments: {
    production: '正式环境',
    sandbox: '沙箱环境',
    legacySandbox: '旧版沙箱',
    custom: '自定义网址'
  },
  tax: {
    id: '编号',
    name: '名称',
    rate: '税率（%）',
    add: '添加税率',
    remove: '删除税率 {name}',
    none: '没有税率：按输入价格收费。',
    badRate: '请输入百分比，例如 8.25'
  },
  token: {
    label: 'API 令牌',
    set: '已保存令牌，不会显示。',
    notSet: '尚未保存令牌。',
    fromEnv: '令牌来自启动测试环境时的环境变量（POCKYT_* 变量）。',
    placeholder: '粘贴新令牌',
    replace: '保存令牌',
    clear: '删除令牌',
    saved: '令牌已保存。',
    cleared: '令牌已删除。'
  },
  connection: {
    test: '测试连接',
    testing: '正在测试…',
    saveFirst: '请先保存更改再测试。',
    never: '这些凭据尚未测试。',
    outcome: {
      works: '连接正常',
      'wrong-credentials': '凭据错误',
      unreachable: '无法连接 Pockyt'
    },
    at: '{time} 测试，地址 {url}'
  },
  mode: {
    title: '模式',
    training: '培训模式：付款发送到内置模拟器。',
    live: '正式模式：付款会收取真实金额。',
    waiting: '正在进行的付款或退款完成后才会切换（在此之前为{mode}）。',
    fromEnv: '此处的正式凭据来自 POCKYT_* 环境变量，将代替这些设置使用。',
    goLive: '切换到正式模式…',
    backToTraining: '返回培训模式',
    needsTest: '切换到正式模式前，凭据必须通过“测试连接”。',
    confirmTitle: '开始收取真实付款？',
    confirmText: '从现在起，扫描的付款码将通过 Pockyt（{url}）向顾客收取真实金额。',
    confirm: '确认切换',
    cancel: '取消'
  },
  pin: {
    set: '已设置经理密码。',
    notSet: '尚未设置经理密码：任何人都可以更改设置、退款和作废。',
    current: '当前密码',
    new: '新密码（4 到 8 位数字）',
    repeat: '再次输入新密码',
    mismatch: '两次输入的密码不一致。',
    format: '密码为 4 到 8 位数字。',
    saveSet: '设置密码',
    saveChange: '更改密码',
    saved: '密码已保存。'
  },
  backup: {
    now: '立即备份',
    done: '已备份：{name}',
    list: '备份（保留 30 天）',
    none: '还没有备份。',
    reasons: {
      manual: '手动',
      'close-of-day': '日结',
      daily: '每日',
      'before-restore': '恢复前'
    },
    restore: '恢复…',
    restoreTitle: '恢复 {name}？',
    restoreText: '此备份之后记录的所有销售都将被替换。当前账本会保留一份副本。恢复后必须重启应用。',
    restoreConfirm: '恢复此备份',
    restored: '已恢复 {name}。请立即重启应用。',
    size: '{kb} KB'
  },
  display: {
    reopen: '重新显示顾客屏',
    reopened: '顾客屏窗口已打开。',
    none: '没有可打开的顾客屏窗口：设置为“无”，或此处的顾客屏是浏览器页面（/display.html）。'
  },
  diagnostics: {
    export: '导出诊断信息',
    done: '诊断信息已保存到 {path}',
    what: '包含日志和应用信息的压缩包，供技术支持使用。不含令牌和销售账本。'
  },
  errors: {
    required: '必填。',
    tooShort: '至少 {min} 个字符。',
    tooLong: '太长：最多 {max} 个字符。',
    tooLow: '不能小于 {min}。',
    tooHigh: '不能大于 {max}。',
    tooMany: '最多 {max} 项。',
    notInteger: '只能输入整数。',
    choose: '请从列表中选择。',
    digits: '只能是数字（例如 200043）。',
    format: '格式不正确。',
    missingFile: '数据文件夹中没有这个文件。',
    invalid: '此值无效。',
    row: '第 {row} 个税率：',
    custom: {
      storeAddress: '地址最多 4 行。',
      storeLogo: '标志必须是小于 {kb} KB 的 PNG、JPEG 或 WebP 图片。',
      pockytCustomUrl: '请输入以 https:// 开头的网址（仅 127.0.0.1 上的模拟器可用 http）。',
      taxRates: '两个税率的编号相同。'
    }
  },
  transport: '应用没有响应，请重试。'
}
