/** Strings of the customer display. Large, short, friendly. */
export const en = {
  welcome: 'Welcome',
  storeName: 'QRC POS'
}

export const zhCN: typeof en = {
  welcome: '欢迎光临',
  storeName: 'QRC POS'
}
