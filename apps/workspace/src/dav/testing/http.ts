import http from 'node:http'

/** An answer read whole, headers included. */
export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * Raw HTTP as user `user` (password "secret"; null for none), so that paths reach the server exactly
 * as written (fetch would normalise "..", "%2e").
 */
export function rawRequest(port: number, method: string, rawPath: string, opts: { user?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.user !== null) headers.Authorization = 'Basic ' + Buffer.from(`${opts.user ?? 'alice'}:secret`).toString('base64')
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
