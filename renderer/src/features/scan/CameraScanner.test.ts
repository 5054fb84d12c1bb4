import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPosI18n } from '../../i18n'
import { en } from './messages'
import { SURFACE_WAIT_MS } from './camera-config'

/**
 * A stand-in for html5-qrcode's `Html5Qrcode` with the behaviour that matters here: `start()` resolves
 * only when the test says so, `stop()` throws unless SCANNING/PAUSED (as the real one does), and every
 * call is logged in order. Like the real one, `start()` puts a video with a live camera track in the
 * reader element and resolves before the video plays (`isScanning` turns true when it does); `stop()`
 * before that ends the track, then throws on the missing canvas.
 */
const fake = vi.hoisted(() => {
  const state = { UNKNOWN: 0, NOT_STARTED: 1, SCANNING: 2, PAUSED: 3 }
  const log: string[] = []
  const instances: FakeReader[] = []
  let cameras: () => Promise<{ id: string; label: string }[]> = async () => [{ id: 'cam-1', label: 'Front desk' }]
  let startImpl: (() => Promise<null>) | null = null
  let surfaceOnStart = true
  const tracks: { readyState: 'live' | 'ended'; stop: () => void }[] = []

  class FakeReader {
    state = state.NOT_STARTED
    isScanning = false
    video: HTMLVideoElement | null = null
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
      const track = {
        readyState: 'live' as 'live' | 'ended',
        stop: () => (track.readyState = 'ended')
      }
      tracks.push(track)
      this.video = document.createElement('video')
      Object.defineProperty(this.video, 'srcObject', { value: { getTracks: () => [track] }, configurable: true })
      document.getElementById(this.elementId)!.append(this.video)
      this.state = state.SCANNING
      this.isScanning = surfaceOnStart
      log.push('started')
      return null
    }
    /** The video starts playing: html5-qrcode's `playing` handler adds its canvas. */
    surfaceReady() {
      log.push('playing')
      this.isScanning = true
    }
    stop() {
      if (this.state !== state.SCANNING && this.state !== state.PAUSED)
        throw new Error('Cannot stop, scanner is not running or paused.')
      const video = this.video!
      for (const t of (video.srcObject as unknown as { getTracks: () => typeof tracks }).getTracks()) t.stop()
      video.remove()
      if (!this.isScanning) return Promise.reject(new TypeError("Failed to execute 'removeChild': not a Node"))
      log.push('stop')
      this.state = state.NOT_STARTED
      this.isScanning = false
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
    tracks,
    setStart: (fn: typeof startImpl) => (startImpl = fn),
    setSurfaceOnStart: (on: boolean) => (surfaceOnStart = on)
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
  fake.setSurfaceOnStart(true)
  fake.tracks.length = 0
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
    expect(fake.tracks.map((t) => t.readyState)).toEqual(['ended'])
  })

  it('unmount while start() is pending: the reader stays on the page (hidden) until stopped; no restart', async () => {
    fake.setCameras(async () => [
      { id: 'cam-1', label: 'A' },
      { id: 'cam-2', label: 'B' }
    ])
    let release!: () => void
    fake.setStart(() => new Promise((r) => (release = () => r(null))))
    const w = mountScanner({ deviceId: 'cam-1' })
    await flushPromises()
    const queue = (w.vm as unknown as { settled: () => Promise<void> }).settled
    const readerEl = w.get('[data-testid="camera-reader"]').element
    // A restart queued behind the pending start (a camera chosen elsewhere), then the panel closes.
    await w.setProps({ deviceId: 'cam-2' })
    w.unmount()
    wrapper = undefined
    // Parked: html5-qrcode still finds its element, in the page, so its video can be played and stopped.
    expect(document.getElementById(reader().elementId)).toBe(readerEl)
    expect(readerEl.isConnected).toBe(true)
    release()
    await queue()
    await flushPromises()
    expect(fake.log).toEqual(['getCameras', 'new', 'start:"cam-1"', 'started', 'stop', 'clear'])
    expect(fake.tracks.map((t) => t.readyState)).toEqual(['ended'])
    expect(readerEl.isConnected).toBe(false)
    expect(document.querySelector('[data-testid="camera-reader-parked"]')).toBeNull()
  })

  it('unmount during getCameras(): never creates a reader or starts the camera', async () => {
    let list!: () => void
    fake.setCameras(() => new Promise((r) => (list = () => r([{ id: 'cam-1', label: 'A' }]))))
    const w = mountScanner()
    await flushPromises()
    const queue = (w.vm as unknown as { settled: () => Promise<void> }).settled
    w.unmount()
    wrapper = undefined
    list()
    await queue()
    await flushPromises()
    expect(fake.log).toEqual(['getCameras'])
    expect(fake.tracks).toEqual([])
  })

  it('a teardown waits for the video to play before stopping (else html5-qrcode stops half-way)', async () => {
    fake.setSurfaceOnStart(false)
    let release!: () => void
    fake.setStart(() => new Promise((r) => (release = () => r(null))))
    const w = mountScanner()
    await flushPromises()
    const queue = (w.vm as unknown as { settled: () => Promise<void> }).settled
    w.unmount()
    wrapper = undefined
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      release()
      await vi.advanceTimersByTimeAsync(200)
      expect(fake.log.slice(-1)).toEqual(['started'])
      expect(fake.tracks.map((t) => t.readyState)).toEqual(['live'])
      reader().surfaceReady()
      await vi.advanceTimersByTimeAsync(100)
      await queue()
    } finally {
      vi.useRealTimers()
    }
    expect(fake.log.slice(-4)).toEqual(['started', 'playing', 'stop', 'clear'])
    expect(fake.tracks.map((t) => t.readyState)).toEqual(['ended'])
  })

  it('a video that never plays is stopped anyway after SURFACE_WAIT_MS, and no track stays live', async () => {
    fake.setSurfaceOnStart(false)
    const w = mountScanner()
    await settled(w)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const queue = (w.vm as unknown as { settled: () => Promise<void> }).settled
      w.unmount()
      wrapper = undefined
      await vi.advanceTimersByTimeAsync(SURFACE_WAIT_MS - 100)
      expect(fake.tracks.map((t) => t.readyState)).toEqual(['live'])
      await vi.advanceTimersByTimeAsync(200)
      await queue()
    } finally {
      vi.useRealTimers()
    }
    // stop() threw half-way (as html5-qrcode does without its canvas): the track is ended all the same.
    expect(fake.log).not.toContain('stop')
    expect(fake.tracks.map((t) => t.readyState)).toEqual(['ended'])
    expect(document.querySelector('[data-testid="camera-reader-parked"]')).toBeNull()
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
