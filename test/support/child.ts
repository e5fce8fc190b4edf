import type { ChildProcess } from 'node:child_process'

/**
 * Resolves with the port a child server prints as `listening {port}` on its stdout.
 * @throws Error with what it printed when the child exits first.
 */
export function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /listening (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before listening: ${out}`)))
  })
}
