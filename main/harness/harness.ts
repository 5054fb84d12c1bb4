/**
 * The browser harness: the same core services and the same contract as the Electron app, served over
 * HTTP + SSE on 127.0.0.1 with the built renderer. e2e tests, benchmarks and anyone without Electron use it.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { createServices, type Services, type ServicesOptions } from '../core/services'
import { createRouter } from '../ipc/router'
import { startHttpTransport, type HttpTransport } from '../ipc/http-transport'
import { createEnvSecretStore } from '../core/settings/secret-store'
import { pockytFromEnv } from '../core/settings/pockyt-env'

export interface HarnessOptions {
  dataDir: string
  port?: number
  /** Built renderer; defaults to out/renderer. */
  staticDir?: string
  env?: NodeJS.ProcessEnv
  /** Passed through to createServices (tests inject clocks, clients, heartbeat). */
  services?: Partial<ServicesOptions>
  log?: ServicesOptions['log']
}

export interface Harness {
  url: string
  port: number
  services: Services
  transport: HttpTransport
  close(): Promise<void>
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  mkdirSync(options.dataDir, { recursive: true })
  const env = options.env ?? process.env
  const services = await createServices({
    dataDir: options.dataDir,
    version: process.env.npm_package_version ?? '0.0.0',
    shell: 'harness',
    pockyt: pockytFromEnv(env),
    secrets: createEnvSecretStore(env),
    log: options.log,
    ...options.services
  })
  const router = createRouter(services.handlers, {
    validateOutput: true,
    // Through the services' redacting logger: an exception's text may quote a code or a token.
    onInternalError: (channel, error) => services.log('error', 'handler failed', { channel, error: String(error) })
  })
  let transport: HttpTransport
  try {
    transport = await startHttpTransport({
      router,
      events: services.events,
      staticDir: options.staticDir ?? resolve(__dirname, '../../out/renderer'),
      port: options.port ?? 0,
      pageHeaders: { 'content-security-policy': CONTENT_SECURITY_POLICY }
    })
  } catch (e) {
    await services.close()
    throw e
  }
  return {
    url: transport.url,
    port: transport.port,
    services,
    transport,
    async close() {
      await transport.close()
      await services.close()
    }
  }
}
