import net from 'node:net'

export type RespValue = string | number | null | RespValue[] | RespError

/** An error reply from Redis (`-ERR ...`), returned rather than thrown so callers can inspect it. */
export class RespError {
  constructor(readonly message: string) {}
}

/**
 * Sends one command over a fresh connection and returns the parsed reply.
 * Kept dependency-free so the launcher can probe a port before any Redis client exists.
 */
export function redisCommand(port: number, host: string, args: string[], timeoutMs = 1000): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host })
    let buf = Buffer.alloc(0)
    const done = (err: Error | null, value?: RespValue): void => {
      socket.destroy()
      if (err) reject(err)
      else resolve(value as RespValue)
    }
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)))
    socket.on('error', (err) => done(err))
    socket.on('connect', () => socket.write(encode(args)))
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk])
      try {
        const parsed = parse(buf, 0)
        if (parsed) done(null, parsed.value)
      } catch (err) {
        done(err as Error)
      }
    })
    socket.on('end', () => done(new Error(`connection to ${host}:${port} closed before a reply`)))
  })
}

function encode(args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')
}

/** Parses one reply starting at `at`; null when the buffer does not hold a whole reply yet. */
function parse(buf: Buffer, at: number): { value: RespValue; end: number } | null {
  const eol = buf.indexOf('\r\n', at)
  if (eol < 0) return null
  const type = String.fromCharCode(buf[at]!)
  const line = buf.toString('utf8', at + 1, eol)
  const next = eol + 2
  switch (type) {
    case '+':
      return { value: line, end: next }
    case '-':
      return { value: new RespError(line), end: next }
    case ':':
      return { value: Number(line), end: next }
    case '$': {
      const len = Number(line)
      if (len < 0) return { value: null, end: next }
      if (buf.length < next + len + 2) return null
      return { value: buf.toString('utf8', next, next + len), end: next + len + 2 }
    }
    case '*': {
      const count = Number(line)
      if (count < 0) return { value: null, end: next }
      const items: RespValue[] = []
      let pos = next
      for (let i = 0; i < count; i++) {
        const item = parse(buf, pos)
        if (!item) return null
        items.push(item.value)
        pos = item.end
      }
      return { value: items, end: pos }
    }
    default:
      throw new Error(`not a Redis reply (starts with ${JSON.stringify(type)})`)
  }
}
