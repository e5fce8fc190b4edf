import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

const run = promisify(execFile)
const SUITES = ['basic', 'copymove', 'props', 'locks', 'http']

describe('litmus (WebDAV compliance, Debian litmus binary)', () => {
  // The real host, a real space and account: litmus judges what members' clients will meet.
  let t: TestServer

  beforeAll(async () => {
    t = await startTestServer()
    await t.createSpace('litmus', { admin: { username: 'alice', password: 'litmus-password-1' } })
  })
  afterAll(async () => t?.close())

  it('passes every suite with 0 failures', async () => {
    const url = `${t.spaceUrl('litmus')}/remote.php/dav/files/alice/`
    const { stdout } = await run('litmus', ['-k', url, 'alice', 'litmus-password-1'], {
      env: { ...process.env, TESTS: SUITES.join(' ') },
      cwd: t.dataDir,
      timeout: 240_000,
    }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout ?? e.message }))
    const summaries = [...stdout.matchAll(/summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed/g)]
    console.log(summaries.map((m) => m[0]).join('\n'))
    const bySuite = Object.fromEntries(summaries.map((m) => [m[1], { run: Number(m[2]), failed: Number(m[4]) }]))
    expect(Object.keys(bySuite).sort()).toEqual([...SUITES].sort())
    for (const s of SUITES) {
      expect(bySuite[s]!.run, s).toBeGreaterThan(0)
      expect(bySuite[s]!.failed, `${s} failures:\n${stdout}`).toBe(0)
    }
    expect(stdout).not.toMatch(/WARNING/)
  }, 300_000)
})
