/** Strings of the app shell (header, badges, connection). en and zh-CN must have the same keys. */
export const en = {
  title: 'QRC POS',
  training: 'TRAINING',
  trainingHint: 'Training mode: payments go to the built-in simulator, no money moves.',
  live: 'LIVE',
  version: 'Version {version}',
  connected: 'Connected to the till',
  disconnected: 'Not connected to the till: retrying',
  lastUpdate: 'Last update {time}',
  ping: 'Check connection',
  pingOk: 'Connection OK ({seq})',
  shell: { electron: 'Desktop app', harness: 'Browser harness' },
  transportError: 'The app could not reach its main process. Please wait or restart the app.',
  nav: { sale: 'Sale', history: 'History', reports: 'Reports', settings: 'Settings', help: 'Shortcuts' },
  help: {
    title: 'Keyboard shortcuts',
    close: 'Close (Esc)',
    closeDialog: 'Close the dialog',
    groupApp: 'Anywhere',
    open: 'Show keyboard shortcuts'
  }
}

export const zhCN: typeof en = {
  title: 'QRC POS 收银',
  training: '培训模式',
  trainingHint: '培训模式：付款发送到内置模拟器，不会产生真实交易。',
  live: '正式',
  version: '版本 {version}',
  connected: '已连接收银主程序',
  disconnected: '未连接收银主程序：正在重试',
  lastUpdate: '最后更新 {time}',
  ping: '检查连接',
  pingOk: '连接正常（{seq}）',
  shell: { electron: '桌面应用', harness: '浏览器测试环境' },
  transportError: '无法连接应用主进程，请稍候或重启应用。',
  nav: { sale: '收银', history: '交易记录', reports: '报表', settings: '设置', help: '快捷键' },
  help: {
    title: '键盘快捷键',
    close: '关闭 (Esc)',
    closeDialog: '关闭对话框',
    groupApp: '全局',
    open: '显示键盘快捷键'
  }
}
