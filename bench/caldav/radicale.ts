import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from '../../scripts/lib/redis.ts'
import type { Target } from '../dav/client.ts'
import { RADICALE_LAUNCHER } from '../../test/ical/radicale.ts'

export interface RunningRadicale {
  /** The account's calendar home, `/{user}/`. */
  target: Target
  /** Radicale's multifilesystem root: `{root}/{user}/{calendar}/{href}` holds one item per file. */
  collectionRoot: string
  stop(): Promise<void>
}

/**
 * Runs Debian's Radicale as a child on a random loopback port, storage under `workDir`, Basic auth
 * against a plain htpasswd file (the cheapest check, as the peer should not be slowed by hashing).
 * @throws Error when Radicale is missing or does not come up.
 */
export async function startRadicale(workDir: string, opts: { fsync: boolean }): Promise<RunningRadicale> {
  if (!fs.existsSync('/usr/lib/python3/dist-packages/radicale')) throw new Error('radicale is not installed (apt-get install radicale)')
  const root = path.resolve(workDir, 'radicale')
  fs.rmSync(root, { recursive: true, force: true })
  fs.mkdirSync(root, { recursive: true })
  const port = await freePort()
  const user = 'bench'
  const password = crypto.randomBytes(12).toString('base64url')
  fs.writeFileSync(path.join(root, 'htpasswd'), `${user}:${password}\n`)
  fs.writeFileSync(path.join(root, 'config'), [
    '[server]', `hosts = 127.0.0.1:${port}`, 'max_connections = 64', 'max_content_length = 200000000', 'timeout = 120',
    '[auth]', 'type = htpasswd', `htpasswd_filename = ${path.join(root, 'htpasswd')}`, 'htpasswd_encryption = plain', 'delay = 0',
    '[rights]', 'type = owner_only',
    '[storage]', `filesystem_folder = ${path.join(root, 'collections')}`,
    // Request lines at info level would cost Radicale CPU that ours does not spend (LOG_LEVEL=warn).
    '[logging]', 'level = warning', 'mask_passwords = True',
    '',
  ].join('\n'))
  fs.writeFileSync(path.join(root, 'launch.py'), RADICALE_LAUNCHER)
  const child = spawn('/usr/bin/python3', [path.join(root, 'launch.py'), path.join(root, 'config'), opts.fsync ? 'True' : 'False'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-4000)
    process.stderr.write(b)
  })
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(t)
    }
    fs.rmSync(root, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${port}/${user}/`
  try {
    await waitUp(child, url, () => log)
  } catch (err) {
    await stop()
    throw err
  }
  return {
    target: { name: 'radicale', url, user, password, pid: child.pid, setup: `Radicale ${radicaleVersion()}, one Python process (threads), fsync ${opts.fsync ? 'on' : 'off'}` },
    collectionRoot: path.join(root, 'collections', 'collection-root'),
    stop,
  }
}

async function waitUp(child: ChildProcess, url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Radicale exited with ${child.exitCode}:\n${log()}`)
    // Any HTTP answer (401 without credentials) means it listens.
    if (await fetch(url, { method: 'OPTIONS' }).then(() => true, () => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Radicale did not start within 20 s:\n${log()}`)
}

function radicaleVersion(): string {
  return spawnSync('dpkg-query', ['-W', '-f=${Version}', 'radicale'], { encoding: 'utf8' }).stdout || '?'
}
