import type { ServerResponse } from 'node:http'

// Large enough that a Depth 0 answer is one write with a Content-Length, small enough that a
// 10,000-member listing never sits whole in memory.
const CHUNK_BYTES = 64 * 1024

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
 * chunked while it is being produced. Pieces are encoded straight into a chunk outside the JS heap:
 * concatenating them into a string first cost a flattened copy of the whole answer in garbage.
 */
export class XmlStream {
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES)
  private used = 0
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
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + 3 * text.length <= CHUNK_BYTES) {
      this.used += this.chunk.write(text, this.used, 'utf8')
      return null
    }
    let full = this.flush()
    if (3 * text.length <= CHUNK_BYTES) this.used = this.chunk.write(text, 0, 'utf8')
    else full = !this.res.write(text) || full
    return full ? drained(this.res) : null
  }

  /** Sends what is left and finishes the answer. */
  end(): void {
    if (!this.started) {
      this.head()
      this.res.setHeader('Content-Length', String(this.used))
    }
    this.res.end(this.chunk.subarray(0, this.used))
    this.used = 0
  }

  /** Sends the chunk so far; true when the socket's buffer is full. */
  private flush(): boolean {
    if (!this.started) this.head()
    if (this.used === 0) return false
    const sent = this.chunk.subarray(0, this.used)
    // The socket keeps the sent chunk until written: the next pieces go into a new one.
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES)
    this.used = 0
    return !this.res.write(sent)
  }

  private head(): void {
    this.started = true
    this.res.statusCode = this.status
    this.res.setHeader('Content-Type', 'application/xml; charset=utf-8')
  }
}
