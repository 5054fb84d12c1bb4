/** Strings of the scan panel (webcam, USB scanner, manual entry). en and zh-CN must have the same keys. */
export const en = {
  title: 'Scan the customer’s payment code',
  wedgeHint: 'A USB scanner works at any time: just scan the code on the customer’s phone.',
  notAPaymentCode: 'That is not a wallet payment code',
  notAPaymentCodeHint: 'Ask the customer to open the payment code (Pay) in their wallet app and scan it again.',
  incomplete: 'The scan was cut short. Please scan the code again.',
  scanned: 'Code read: …{last4}',
  camera: {
    label: 'Camera',
    choose: 'Choose a camera',
    starting: 'Starting the camera…',
    scanning: 'Hold the phone so the code fills the frame',
    paused: 'Camera paused while the payment is in progress',
    off: 'Camera off',
    start: 'Start camera',
    stop: 'Stop camera',
    retry: 'Try the camera again',
    unnamed: 'Camera {n}',
    errors: {
      denied: 'Camera access was refused. Allow this app to use the camera in the system settings, then try again.',
      busy: 'The camera is in use by another app or blocked by the system. Close the other app, then try again.',
      missing: 'No camera was found. Connect a camera, or use the USB scanner or type the code.',
      insecure: 'The camera only works when the app is opened from a secure address.',
      unknown: 'The camera could not be started. Use the USB scanner or type the code.'
    },
    fallback: 'The USB scanner and manual entry still work.'
  },
  manual: {
    label: 'Or type the code',
    placeholder: '18-digit code under the barcode',
    submit: 'Use this code',
    help: 'Type or paste the digits, then press Enter.'
  }
}

export const zhCN: typeof en = {
  title: '扫描顾客的付款码',
  wedgeHint: 'USB 扫码枪随时可用：直接扫描顾客手机上的付款码即可。',
  notAPaymentCode: '这不是钱包付款码',
  notAPaymentCodeHint: '请顾客在钱包应用中打开付款码（付钱），然后重新扫描。',
  incomplete: '扫描未完整读取，请重新扫描付款码。',
  scanned: '已读取付款码：…{last4}',
  camera: {
    label: '摄像头',
    choose: '选择摄像头',
    starting: '正在启动摄像头…',
    scanning: '请让付款码充满取景框',
    paused: '付款处理中，摄像头已暂停',
    off: '摄像头已关闭',
    start: '开启摄像头',
    stop: '关闭摄像头',
    retry: '重试摄像头',
    unnamed: '摄像头 {n}',
    errors: {
      denied: '摄像头权限被拒绝。请在系统设置中允许本应用使用摄像头，然后重试。',
      busy: '摄像头正被其他应用占用或被系统禁用。请关闭其他应用后重试。',
      missing: '未找到摄像头。请连接摄像头，或使用 USB 扫码枪或手动输入付款码。',
      insecure: '只有通过安全地址打开应用时才能使用摄像头。',
      unknown: '无法启动摄像头。请使用 USB 扫码枪或手动输入付款码。'
    },
    fallback: 'USB 扫码枪和手动输入仍然可用。'
  },
  manual: {
    label: '或手动输入付款码',
    placeholder: '条码下方的 18 位数字',
    submit: '使用此付款码',
    help: '输入或粘贴数字后按回车键。'
  }
}
