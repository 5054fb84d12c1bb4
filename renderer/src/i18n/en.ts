/** English strings. Every key here must exist in zh-CN.ts too (a unit test checks both ways). */
export default {
  app: {
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
    shell: { electron: 'Desktop app', harness: 'Browser harness' }
  },
  display: {
    welcome: 'Welcome',
    storeName: 'QRC POS'
  },
  errors: {
    transport: 'The app could not reach its main process. Please wait or restart the app.'
  }
}
