/**
 * The simulator on HTTP, bound to 127.0.0.1 only: for tests of the real HTTP client, the benchmark,
 * and anyone pointing a build at it (`npm run simulator -- --port N`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSimulator, type CreateSimulatorOptions, type Simulator } from './index'
import { SimulatedDrop } from './handler'

export interface SimulatorServerOptions extends CreateSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Serve an existing simulator instead of a new one (to share state with in-process use). */
  simulator?: Simulator
}

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>`, to use as the client's base URL. */
  readonly url: string
  readonly port: number
  readonly simulator: Simulator
  /** Stops listening, drops open connections, cancels late answers. */
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const MAX_BODY = 64 * 1024

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function serve(sim: Simulator, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req)
  if (body === null) {
    res.writeHead(413, { 'content-type': 'text/plain' }).end('413 body too large')
    return
  }
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  const method = req.method ?? 'GET'
  const request = new Request(`http://${HOST}:${port}${req.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body
  })
  let answer: Response
  try {
    answer = await sim.handle(request)
  } catch (e) {
    if (e instanceof SimulatedDrop) {
      req.socket.destroy()
      return
    }
    res.writeHead(500, { 'content-type': 'text/plain' }).end('500 simulator error')
    return
  }
  const out = Buffer.from(await answer.arrayBuffer())
  res.writeHead(answer.status, {
    'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
    'content-length': String(out.length)
  })
  res.end(out)
}

/** Starts the simulator server on 127.0.0.1 and resolves once it listens. */
export async function startSimulatorServer(opts: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const sim = opts.simulator ?? createSimulator(opts)
  let port = 0
  const server = createServer((req, res) => {
    serve(sim, port, req, res).catch(() => req.socket.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${HOST}:${port}`,
    port,
    simulator: sim,
    close: () =>
      new Promise<void>((resolve) => {
        sim.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
