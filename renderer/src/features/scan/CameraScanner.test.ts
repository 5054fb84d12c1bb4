import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPosI18n } from '../../i18n'
import { en } from './messages'

/**
 * A stand-in for html5-qrcode's `Html5Qrcode` with the behaviour that matters here: `start()` resolves
 * only when the test says so, `stop()` throws unless SCANNING/PAUSED (as the real one does), and every
 * call is logged in order.
 */
const fake = vi.hoisted(() => {
  const state = { UNKNOWN: 0, NOT_STARTED: 1, SCANNING: 2, PAUSED: 3 }
  const log: string[] = []
  const instances: FakeReader[] = []
  let cameras: () => Promise<{ id: string; label: string }[]> = async () => [{ id: 'cam-1', label: 'Front desk' }]
  let startImpl: (() => Promise<null>) | null = null

  class FakeReader {
    state = state.NOT_STARTED
    config: unknown
    elementId: string
    onSuccess: ((text: string) => void) | undefined
    startArgs: unknown[] = []
    constructor(elementId: string, config: unknown) {
      this.elementId = elementId
      this.config = config
      instances.push(this)
      log.push('new')
    }
    async start(camera: unknown, scanConfig: unknown, onSuccess: (text: string) => void) {
      log.push(`start:${JSON.stringify(camera)}`)
      this.startArgs = [camera, scanConfig]
      this.onSuccess = onSuccess
      if (startImpl) await startImpl()
      this.state = state.SCANNING
      log.push('started')
      return null
    }
    stop() {
      if (this.state !== state.SCANNING && this.state !== state.PAUSED)
        throw new Error('Cannot stop, scanner is not running or paused.')
      log.push('stop')
      this.state = state.NOT_STARTED
      return Promise.resolve()
    }
    pause() {
      if (this.state !== state.SCANNING) throw new Error('Cannot pause, scanner is not scanning.')
      log.push('pause')
      this.state = state.PAUSED
    }
    resume() {
      if (this.state !== state.PAUSED) throw new Error('Cannot resume, scanner is not paused.')
      log.push('resume')
      this.state = state.SCANNING
    }
    clear() {
      if (this.state === state.SCANNING) throw new Error('Cannot clear while scanning')
      log.push('clear')
    }
    getState() {
      return this.state
    }
    getRunningTrackSettings() {
      if (this.state !== state.SCANNING && this.state !== state.PAUSED) throw new Error('Scanner is not running')
      return { deviceId: typeof this.startArgs[0] === 'string' ? this.startArgs[0] : 'cam-1' }
    }
    static getCameras() {
      log.push('getCameras')
      return cameras()
    }
  }
  return {
    state,
    log,
    instances,
    FakeReader,
    setCameras: (fn: typeof cameras) => (cameras = fn),
    setStart: (fn: typeof startImpl) => (startImpl = fn)
  }
})

vi.mock('html5-qrcode', () => ({
  Html5Qrcode: fake.FakeReader,
  Html5QrcodeScannerState: fake.state,
  Html5QrcodeSupportedFormats: { QR_CODE: 0, CODE_128: 5 }
}))

const { default: CameraScanner } = await import('./CameraScanner.vue')

const CODE = '134567890123456789'
let wrapper: VueWrapper | undefined

function mountScanner(props: Record<string, unknown> = {}) {
  wrapper = mount(CameraScanner, { props, attachTo: document.body, global: { plugins: [createPosI18n('en')] } })
  return wrapper
}
const reader = () => fake.instances[fake.instances.length - 1]!
const settled = async (w: VueWrapper) => {
  await (w.vm as unknown as { settled: () => Promise<void> }).settled()
  await flushPromises()
}

beforeEach(() => {
  fake.log.length = 0
  fake.instances.length = 0
  fake.setCameras(async () => [{ id: 'cam-1', label: 'Front desk' }])
  fake.setStart(null)
  localStorage.clear()
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
  Object.defineProperty(navigator, 'mediaDevices', { value: {}, configurable: true })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('CameraScanner', () => {
  it('starts html5-qrcode with the wallet-code settings on a 640-px reader', async () => {
    const w = mountScanner()
    await settled(w)
    const r = reader()
    expect(r.config).toEqual({ formatsToSupport: [0, 5], verbose: false })
    const [camera, scanConfig] = r.startArgs as [
      unknown,
      { fps: number; disableFlip: boolean; qrbox: (w: number, h: number) => unknown }
    ]
    expect(camera).toEqual({ facingMode: 'environment' })
    expect(scanConfig.fps).toBe(10)
    expect(scanConfig.disableFlip).toBe(true)
    expect(scanConfig.qrbox(640, 480)).toEqual({ width: 576, height: 288 })
    const el = w.get('[data-testid="camera-reader"]').element as HTMLElement
    expect(el.id).toBe(r.elementId)
    expect(el.style.width).toBe('640px')
    expect(el.style.transform).toBe('scale(0.625)')
    expect(w.get('[data-testid="camera-status"]').text()).toBe(en.camera.scanning)
    // The camera the browser picked is shown as selected, but not emitted as a choice.
    expect((w.get('[data-testid="camera-select"]').element as HTMLSelectElement).value).toBe('cam-1')
    expect(w.emitted('update:deviceId')).toBeUndefined()
  })

  it('emits checked codes, ignores the same code again within the debounce time, reports non-codes', async () => {
    const now = vi.spyOn(performance, 'now')
    const w = mountScanner()
    await settled(w)
    const at = (ms: number, text: string) => (now.mockReturnValue(ms), reader().onSuccess!(text))
    at(1000, CODE)
    at(1500, CODE)
    at(3800, CODE)
    at(7000, CODE)
    at(7100, 'https://example.com/menu')
    await flushPromises()
    expect(w.emitted('scan')).toEqual([[CODE], [CODE]])
    expect(w.emitted('invalid')).toEqual([['https://example.com/menu']])
    expect(w.get('[data-testid="camera-invalid"]').text()).toContain(en.notAPaymentCode)
    now.mockRestore()
  })

  it('unmounting while start() is pending waits for it, then stops and clears (camera never left on)', async () => {
    let release!: () => void
    fake.setStart(() => new Promise((r) => (release = () => r(null))))
    const w = mountScanner()
    await flushPromises()
    expect(fake.log).toEqual(['getCameras', 'new', 'start:{"facingMode":"environment"}'])
    const queue = (w.vm as unknown as { settled: () => Promise<void> }).settled
    w.unmount()
    wrapper = undefined
    await flushPromises()
    expect(fake.log).not.toContain('stop')
    release()
    await queue()
    await flushPromises()
    expect(fake.log.slice(-3)).toEqual(['started', 'stop', 'clear'])
    expect(reader().state).toBe(fake.state.NOT_STARTED)
  })

  it('pauses decoding while the parent is busy and resumes after; codes read meanwhile are dropped', async () => {
    const w = mountScanner()
    await settled(w)
    await w.setProps({ paused: true })
    await settled(w)
    expect(reader().state).toBe(fake.state.PAUSED)
    reader().onSuccess!(CODE)
    expect(w.get('[data-testid="camera-status"]').text()).toBe(en.camera.paused)
    await w.setProps({ paused: false })
    await settled(w)
    expect(fake.log.filter((l) => l === 'pause' || l === 'resume')).toEqual(['pause', 'resume'])
    expect(w.emitted('scan')).toBeUndefined()
  })

  it('lists the cameras, emits the choice for the parent to persist, keeps it in localStorage, restarts on it', async () => {
    fake.setCameras(async () => [
      { id: 'cam-1', label: 'Front desk' },
      { id: 'cam-2', label: '' }
    ])
    const w = mountScanner()
    await settled(w)
    const select = w.get('[data-testid="camera-select"]')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Front desk', 'Camera 2'])
    await select.setValue('cam-2')
    await settled(w)
    expect(w.emitted('update:deviceId')).toEqual([['cam-2']])
    expect(localStorage.getItem('qrc.scan.cameraId')).toBe('cam-2')
    expect(fake.log.slice(-3)).toEqual(['stop', 'start:"cam-2"', 'started'])
  })

  it('starts on the camera from the deviceId prop, or else the one remembered in localStorage', async () => {
    fake.setCameras(async () => [
      { id: 'cam-1', label: 'A' },
      { id: 'cam-2', label: 'B' }
    ])
    let w = mountScanner({ deviceId: 'cam-2' })
    await settled(w)
    expect(reader().startArgs[0]).toBe('cam-2')
    w.unmount()
    await flushPromises()
    localStorage.setItem('qrc.scan.cameraId', 'cam-1')
    w = mountScanner({ deviceId: 'unplugged-camera' })
    await settled(w)
    expect(reader().startArgs[0]).toBe('cam-1')
  })

  it.each([
    [
      'denied',
      () => Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' })),
      en.camera.errors.denied
    ],
    ['missing', () => Promise.resolve([]), en.camera.errors.missing],
    [
      'missing',
      () => Promise.reject(Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' })),
      en.camera.errors.missing
    ]
  ] as const)('getCameras failure -> %s message', async (kind, cameras, message) => {
    fake.setCameras(cameras as never)
    const w = mountScanner()
    await settled(w)
    expect(w.emitted('error')).toEqual([[kind]])
    expect(w.get('[data-testid="camera-status"]').text()).toContain(message)
    expect(w.get('[data-testid="camera-status"]').text()).toContain(en.camera.fallback)
  })

  it('start() failure (html5-qrcode rejects with a string) -> busy message; retry works', async () => {
    fake.setStart(() =>
      Promise.reject('Error getting userMedia, error = NotReadableError: Could not start video source')
    )
    const w = mountScanner()
    await settled(w)
    expect(w.emitted('error')).toEqual([['busy']])
    expect(w.get('[data-testid="camera-status"]').text()).toContain(en.camera.errors.busy)
    fake.setStart(null)
    await w.get('[data-testid="camera-toggle"]').trigger('click')
    await settled(w)
    expect(reader().state).toBe(fake.state.SCANNING)
    expect(w.get('[data-testid="camera-status"]').text()).toBe(en.camera.scanning)
  })

  it('an insecure page gets its own message and never asks for the camera', async () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true })
    const w = mountScanner()
    await settled(w)
    expect(w.emitted('error')).toEqual([['insecure']])
    expect(w.get('[data-testid="camera-status"]').text()).toContain(en.camera.errors.insecure)
    expect(fake.log).toEqual([])
  })

  it('the stop button stops the camera and the start button starts it again', async () => {
    const w = mountScanner()
    await settled(w)
    await w.get('[data-testid="camera-toggle"]').trigger('click')
    await settled(w)
    expect(reader().state).toBe(fake.state.NOT_STARTED)
    expect(w.get('[data-testid="camera-status"]').text()).toBe(en.camera.off)
    await w.get('[data-testid="camera-toggle"]').trigger('click')
    await settled(w)
    expect(reader().state).toBe(fake.state.SCANNING)
  })
})
