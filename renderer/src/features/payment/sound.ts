/**
 * The "approved" chime, synthesized with WebAudio (no sound file to ship). Two short rising tones,
 * quiet enough for a counter. Never throws: no audio device means no sound, nothing else.
 */
let ctx: AudioContext | null = null

export function playApproved(): void {
  try {
    ctx ??= new AudioContext()
    const now = ctx.currentTime
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = 'sine'
      osc.frequency.value = freq
      const start = now + i * 0.12
      gain.gain.setValueAtTime(0.0001, start)
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18)
      osc.connect(gain).connect(ctx.destination)
      osc.start(start)
      osc.stop(start + 0.2)
    }
  } catch {
    // No audio output (or autoplay refused): the screen still says "Approved".
  }
}

/** A lower single tone for a decline. */
export function playDeclined(): void {
  try {
    ctx ??= new AudioContext()
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    const now = ctx.currentTime
    osc.type = 'square'
    osc.frequency.value = 220
    gain.gain.setValueAtTime(0.08, now)
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35)
    osc.connect(gain).connect(ctx.destination)
    osc.start(now)
    osc.stop(now + 0.36)
  } catch {
    // see playApproved
  }
}
