import type { ServerResponse } from 'node:http'

// Large enough that a Depth 0 answer is one write with a Content-Length, small enough that a
// 10,000-member listing never sits whole in memory.
const CHUNK_CHARS = 64 * 1024

/** Resolves when the socket takes more data; rejects when the client went away meanwhile. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.destroyed) {
      reject(new Error('The client closed the connection during a multistatus answer.'))
      return
    }
    const done = (err?: Error) => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => done()
    const onClose = () => done(new Error('The client closed the connection during a multistatus answer.'))
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}

/**
 * Writes an XML answer piece by piece with backpressure. Nothing is sent before the first chunk
 * fills, so a small answer still goes out in one write with a Content-Length; a large one is sent
 * chunked while it is being produced.
 */
export class XmlStream {
  private buffer = ''
  private started = false

  constructor(
    private readonly res: ServerResponse,
    private readonly status: number,
  ) {}

  /**
   * Appends text. Returns a promise to await only when the socket's buffer is full (most calls
   * return null, so a loop over thousands of members does not pay a microtask each).
   */
  write(text: string): Promise<void> | null {
    this.buffer += text
    if (this.buffer.length < CHUNK_CHARS) return null
    if (!this.started) {
      this.started = true
      this.res.statusCode = this.status
      this.res.setHeader('Content-Type', 'application/xml; charset=utf-8')
    }
    const chunk = this.buffer
    this.buffer = ''
    return this.res.write(chunk) ? null : drained(this.res)
  }

  /** Sends what is left and finishes the answer. */
  end(): void {
    if (!this.started) {
      this.res.statusCode = this.status
      this.res.setHeader('Content-Type', 'application/xml; charset=utf-8')
      this.res.setHeader('Content-Length', String(Buffer.byteLength(this.buffer)))
    }
    this.res.end(this.buffer)
    this.buffer = ''
  }
}
