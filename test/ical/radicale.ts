import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Radicale's own entry point with fsync chosen by argv[2] (default off): `_filesystem_fsync` is only
// settable by privileged code, and syncing every item of a throwaway store makes thousands of PUTs take minutes.
export const RADICALE_LAUNCHER = `
import signal, socket, sys
from radicale import config, log, server
log.setup()
configuration = config.load([(sys.argv[1], False)])
configuration.update({"storage": {"_filesystem_fsync": sys.argv[2] if len(sys.argv) > 2 else "False"}}, "launcher", privileged=True)
log.set_level(configuration.get("logging", "level"))
shutdown, shutdown_out = socket.socketpair()
def stop(*_):
    shutdown.close()
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
server.serve(configuration, shutdown_out)
`

/** A throwaway Radicale on a random loopback port, storage in a temp dir; the reference, not a dependency. */
export interface Radicale {
  baseUrl: string
  /** Radicale's multifilesystem root: `{root}/{user}/{calendar}/{href}` holds one item per file. */
  collectionRoot: string
  stop(): Promise<void>
}

/** Starts Debian's Radicale with auth none and waits until it listens. */
export async function startRadicale(): Promise<Radicale> {
  const dir = mkdtempSync(path.join(tmpdir(), 'maison-ical-radicale-'))
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
  const launcher = path.join(dir, 'launch.py')
  writeFileSync(launcher, RADICALE_LAUNCHER)
  const child: ChildProcess = spawn('/usr/bin/python3', [launcher, config], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
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
    collectionRoot: path.join(dir, 'collections', 'collection-root'),
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
