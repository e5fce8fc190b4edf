// Where a render process spends its time, as V8 sees it: runs the bench cases through the same task
// function the render processes run, under --cpu-prof, and prints the functions with the most self time
// (native resvg work shows as the JS call that enters it: `render`, `asPng`, the `Resvg` constructor).
//   npx tsx bench/visuals/cpu-profile.ts [runs] [template-id part]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const runs = process.argv[2] ?? '10'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-visuals-prof-'))
const here = path.dirname(fileURLToPath(import.meta.url))
execFileSync('npx', ['tsx', '--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(here, 'cpu-profile-run.ts'), runs, ...process.argv.slice(3)], { stdio: 'inherit' })
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  prof.samples.forEach((id, i) => {
    const n = byId.get(id)!
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|apps)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000)
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  if (total < 200) continue
  console.log(`${file}: ${total.toFixed(0)} ms sampled`)
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(100 * ms / total).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${k}`)
}
fs.rmSync(dir, { recursive: true, force: true })
