// One large PUT then GET against the DAV server in a child process, sampling the child's RSS:
//   npx tsx apps/workspace/src/dav/testing/big-transfer.ts [MB=1024]   (exit 1 when RSS grows > 64 MB)
import { fork } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { listeningPort } from '../../../../../test/support/child.ts'

const SERVE = path.join(import.meta.dirname, 'serve.ts')
const F = '/s/demo/remote.php/dav/files/alice'
const AUTH = 'Basic ' + Buffer.from('alice:secret').toString('base64')
const MB = 1024 * 1024

export interface TransferReport {
  mb: number
  baselineMb: number
  putPeakMb: number
  getPeakMb: number
  /** Largest RSS during either transfer minus the RSS before them. */
  growthMb: number
  putSeconds: number
  getSeconds: number
  sameBytes: boolean
}

function body(totalMb: number, block: Buffer, hash: crypto.Hash): Readable {
  let sent = 0
  return new Readable({
    read() {
      if (sent === totalMb) return void this.push(null)
      sent++
      hash.update(block)
      this.push(block)
    },
  })
}

/** Streams `mb` megabytes up and back down through a child server, sampling its RSS every 50 ms. */
export async function measureBigTransfer(mb: number): Promise<TransferReport> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-big-'))
  const child = fork(SERVE, [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  try {
    const port = await listeningPort(child)
    const rss = () =>
      new Promise<number>((resolve) => {
        child.once('message', (m: { rss: number }) => resolve(m.rss / MB))
        child.send('rss')
      })
    const agent = new http.Agent({ keepAlive: true })
    const request = (method: string, p: string, headers: Record<string, string> = {}) => http.request({ host: '127.0.0.1', port, method, path: `${F}/${p}`, agent, headers: { Authorization: AUTH, ...headers } })
    const answer = (req: http.ClientRequest) => new Promise<http.IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject))
    // Warm the code paths first so that the baseline is not taken before they are loaded.
    const warm = request('PUT', 'warm.bin')
    const warmAnswer = answer(warm)
    warm.end(Buffer.alloc(MB))
    ;(await warmAnswer).resume()
    const baselineMb = await rss()

    let peak = baselineMb
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rss())
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    const block = crypto.randomBytes(MB)
    const sent = crypto.createHash('sha256')
    let t = performance.now()
    const put = request('PUT', 'big.bin', { 'Content-Length': String(mb * MB) })
    const putAnswer = answer(put)
    await pipeline(body(mb, block, sent), put)
    const putStatus = (await putAnswer).statusCode
    if (putStatus !== 201) throw new Error(`PUT answered ${putStatus}`)
    const putSeconds = (performance.now() - t) / 1000
    const putPeakMb = peak

    peak = baselineMb
    t = performance.now()
    const got = crypto.createHash('sha256')
    const get = request('GET', 'big.bin')
    get.end()
    const res = await answer(get)
    for await (const c of res) got.update(c as Buffer)
    const getSeconds = (performance.now() - t) / 1000
    const getPeakMb = peak
    sampling = false
    await sampler
    agent.destroy()
    return {
      mb, baselineMb, putPeakMb, getPeakMb, putSeconds, getSeconds,
      growthMb: Math.max(putPeakMb, getPeakMb) - baselineMb,
      sameBytes: sent.digest('hex') === got.digest('hex'),
    }
  } finally {
    child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] === import.meta.filename) {
  const r = await measureBigTransfer(Number(process.argv[2] ?? 1024))
  const f = (n: number) => n.toFixed(1)
  console.log(
    `${r.mb} MB: PUT ${f(r.putSeconds)} s, GET ${f(r.getSeconds)} s, bytes ${r.sameBytes ? 'identical' : 'DIFFERENT'}; ` +
      `server RSS ${f(r.baselineMb)} MB before, peak ${f(r.putPeakMb)} MB during PUT, ${f(r.getPeakMb)} MB during GET: growth ${f(r.growthMb)} MB (limit 64)`,
  )
  process.exitCode = r.sameBytes && r.growthMb <= 64 ? 0 : 1
}
