import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A throwaway Radicale on a random loopback port, storage in a temp dir; the reference, not a dependency. */
export interface Radicale {
  baseUrl: string
  stop(): Promise<void>
}

/** Starts Debian's Radicale with auth none and waits until it listens. */
export async function startRadicale(): Promise<Radicale> {
  const dir = mkdtempSync(path.join(tmpdir(), 'maison-radicale-'))
  const config = path.join(dir, 'config')
  writeFileSync(
    config,
    [
      '[server]', 'hosts = 127.0.0.1:0', 'max_content_length = 200000000', 'timeout = 120',
      '[auth]', 'type = none',
      '[rights]', 'type = authenticated',
      '[storage]', `filesystem_folder = ${path.join(dir, 'collections')}`,
      '[logging]', 'level = info', 'mask_passwords = True',
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn('/usr/bin/python3', ['-m', 'radicale', '--config', config], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  const port = await new Promise<number>((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => reject(new Error(`Radicale did not start:\n${log}`)), 15_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      const m = /Listening on '\[?127\.0\.0\.1\]?:(\d+)'/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.once('exit', (code) => reject(new Error(`Radicale exited with ${code}:\n${log}`)))
  })
  child.stderr!.resume()
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
