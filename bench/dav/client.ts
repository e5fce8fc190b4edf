import crypto from 'node:crypto'
import http from 'node:http'
import { Readable } from 'node:stream'

/** A DAV server under test: `url` is a collection the bench may write into (ends with /). */
export interface Target {
  name: string
  url: string
  user: string
  password: string
  /** Process whose RSS is sampled during the large transfer (the server, not the bench). */
  pid?: number
  /** How the server runs, printed with the targets (e.g. its number of web processes). */
  setup?: string
}

export interface Reply {
  status: number
  /** Response body as text when asked for, else empty. */
  text: string
  bytes: number
  sha256?: string
  ms: number
}

export interface RequestOptions {
  headers?: Record<string, string | number>
  body?: Buffer | string | Readable
  /** Keep the body as text (PROPFIND); otherwise it is only counted. */
  text?: boolean
  hash?: boolean
  expect?: number[]
}

/** How many times a request the server left unanswered is sent again (see `DavClient.request`). */
const MAX_RESENDS = 2

/**
 * One client for every target: node:http with a keep-alive pool sized to the concurrency, so both
 * servers see the same connection reuse and the client costs as little as possible.
 */
export class DavClient {
  private agent: http.Agent
  private readonly auth: string
  readonly base: URL

  constructor(readonly target: Target, private readonly maxSockets: number) {
    this.base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`)
    this.agent = this.newAgent()
    this.auth = 'Basic ' + Buffer.from(`${target.user}:${target.password}`).toString('base64')
  }

  private newAgent(): http.Agent {
    return new http.Agent({ keepAlive: true, maxSockets: this.maxSockets, maxFreeSockets: this.maxSockets })
  }

  /**
   * Closes the kept-alive connections: the next requests open new ones. Before a phase, so that no request goes
   * out on a connection the server is closing because it stayed idle past its keep-alive timeout meanwhile.
   */
  freshConnections(): void {
    this.agent.destroy()
    this.agent = this.newAgent()
  }

  /** Requests sent again because the server closed the connection without answering (see `request`). */
  resent = 0

  /** Sends a request to a path relative to the target's collection and reads the whole answer. */
  request(method: string, rel: string, opts: RequestOptions = {}, sentBefore = 0): Promise<Reply> {
    const url = new URL(rel, this.base)
    const start = performance.now()
    return new Promise<Reply>((resolve, reject) => {
      // A streamed body cannot be sent again, so it gets a connection of its own rather than a kept-alive one that the
      // server may be closing (its keep-alive timeout passed while another target ran its 1 GB transfer).
      const agent = opts.body instanceof Readable ? false : this.agent
      const req = http.request(url, { method, agent, headers: { Authorization: this.auth, ...opts.headers } }, (res) => {
        const chunks: Buffer[] = []
        const hash = opts.hash ? crypto.createHash('sha256') : null
        let bytes = 0
        res.on('data', (c: Buffer) => {
          bytes += c.length
          if (opts.text) chunks.push(c)
          hash?.update(c)
        })
        res.on('end', () => {
          const reply: Reply = {
            status: res.statusCode ?? 0, text: opts.text ? Buffer.concat(chunks).toString('utf8') : '', bytes,
            sha256: hash?.digest('hex'), ms: performance.now() - start,
          }
          if (opts.expect && !opts.expect.includes(reply.status)) {
            reject(new Error(`${this.target.name}: ${method} ${url.pathname} answered ${reply.status}, expected ${opts.expect.join('/')}`))
          } else resolve(reply)
        })
        res.on('error', reject)
      })
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A connection the server closed without answering: a kept-alive one just as we reused it (Node's documented
        // race), or, rarely, a new one (Apache's mpm_event under the poll's 32 connections, 2 runs in about 30). Every
        // request of the bench may be sent again, except a streamed body: twice more, counted in `resent`.
        if (err.code === 'ECONNRESET' && sentBefore < MAX_RESENDS && !(opts.body instanceof Readable)) {
          this.resent++
          resolve(this.request(method, rel, opts, sentBefore + 1))
        } else reject(Object.assign(new Error(`${this.target.name}: ${method} ${url.pathname}: ${err.message}${req.reusedSocket ? ' (reused socket)' : ''}${sentBefore ? `, already sent again ${sentBefore}×` : ''}`), { code: err.code, cause: err }))
      })
      const body = opts.body
      if (body instanceof Readable) body.pipe(req)
      else req.end(body)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}

/** Runs `count` calls of `fn` with exactly `concurrency` in flight; returns each call's duration. */
export async function runPool(count: number, concurrency: number, fn: (i: number) => Promise<number>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = new Array(count)
  let next = 0
  const start = performance.now()
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++
      latencies[i] = await fn(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
  return { latencies, wallMs: performance.now() - start }
}

/** A body of `size` bytes made of a repeated random block, with its SHA-256, without holding it in memory. */
export function streamedBody(size: number, block: Buffer): { stream: Readable; sha256: Promise<string> } {
  const hash = crypto.createHash('sha256')
  let resolveHash: (h: string) => void
  const sha256 = new Promise<string>((r) => (resolveHash = r))
  async function* chunks(): AsyncGenerator<Buffer> {
    let left = size
    while (left > 0) {
      const chunk = left >= block.length ? block : block.subarray(0, left)
      hash.update(chunk)
      left -= chunk.length
      yield chunk
    }
    resolveHash(hash.digest('hex'))
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), sha256 }
}
