import type en from './en'

/** 简体中文. Same keys as en.ts. */
const zhCN: typeof en = {
  app: {
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
    shell: { electron: '桌面应用', harness: '浏览器测试环境' }
  },
  display: {
    welcome: '欢迎光临',
    storeName: 'QRC POS'
  },
  errors: {
    transport: '无法连接应用主进程，请稍候或重启应用。'
  }
}
export default zhCN
