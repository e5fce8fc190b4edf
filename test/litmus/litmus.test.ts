import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFixture, listen, type Fixture } from '../../apps/workspace/src/dav/testing/fixture.ts'

const run = promisify(execFile)
const SUITES = ['basic', 'copymove', 'props', 'locks', 'http']

describe('litmus (WebDAV compliance, Debian litmus binary)', () => {
  let fx: Fixture
  let srv: Awaited<ReturnType<typeof listen>>

  beforeAll(async () => {
    fx = createFixture()
    srv = await listen(fx.app)
  })
  afterAll(async () => {
    await srv.close()
    fx.close()
    fs.rmSync(fx.dataDir, { recursive: true, force: true })
  })

  it('passes every suite with 0 failures', async () => {
    const url = `http://127.0.0.1:${srv.port}/s/${fx.space.slug}/remote.php/dav/files/alice/`
    const { stdout } = await run('litmus', ['-k', url, 'alice', 'secret'], {
      env: { ...process.env, TESTS: SUITES.join(' ') },
      cwd: fx.dataDir,
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
