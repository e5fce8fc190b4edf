import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags.ts'

const read = (file: string) => fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')

// The benches measure servers started with SERVER_NODE_FLAGS: every way of starting a web process must pass them too.
describe('server Node options', () => {
  const starts: Record<string, string> = {
    'npm start': JSON.parse(read('package.json')).scripts.start,
    'the systemd web unit': /^ExecStart=(.*)$/m.exec(read('infra/systemd/maison-web.service'))![1]!,
    'the Dockerfile': /^CMD (.*)$/m.exec(read('infra/Dockerfile'))![1]!,
  }
  for (const [name, command] of Object.entries(starts)) {
    it(`${name} passes them before the script`, () => {
      for (const flag of SERVER_NODE_FLAGS) {
        expect(command).toContain(flag)
        expect(command.indexOf(flag)).toBeLessThan(command.indexOf('scripts/start.ts'))
      }
    })
  }
})
