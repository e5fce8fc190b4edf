// What the trip between the API process and a render process costs, apart from the render itself: wall ms per
// render through the pool (one process) against the same task run in this process, per bench case, and for a
// 1×1 SVG task (the trip alone). Run under the bench lock and note the load.
//   npx tsx bench/visuals/ipc-costs.ts [runs]
import v8 from 'node:v8'
import { RenderPool } from '../../apps/visuals/src/render/pool.ts'
import { runRenderTask, type RenderTask } from '../../apps/visuals/src/render/task.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, fieldsForRun, pixelSize, BENCH_KIT } from './cases.ts'
import { percentile } from './stats.ts'

const runs = Number(process.argv[2] ?? 20)
const keepAlive = setInterval(() => {}, 60_000)
const pool = new RenderPool({ processes: 1, timeoutMs: 60_000 })
await pool.start()
const timed = async (fn: () => Promise<unknown>) => {
  const s = performance.now()
  await fn()
  return performance.now() - s
}
const tiny: RenderTask = { kind: 'svg', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', size: { width: 1, height: 1 }, type: 'png', pixelWidth: 1 }
const trip: number[] = []
for (let i = 0; i < runs + 2; i++) trip.push(await timed(() => pool.run(tiny)))
console.log(`1×1 SVG through the pool: p50 ${percentile(trip.slice(2), 50).toFixed(2)} ms`)
let n = 0
for (const c of benchCases()) {
  if (c.type === 'pdf') continue
  const task = (i: number): RenderTask => ({ kind: 'template', template: c.template, size: SIZES[c.size], fields: fieldsForRun(c, i), kit: BENCH_KIT, type: c.type, pixelWidth: pixelSize(c).width })
  const ser = v8.serialize(task(0)).length
  const pooled: number[] = []
  const local: number[] = []
  let bytes = 0
  for (let i = 0; i < runs + 2; i++) {
    pooled.push(await timed(() => pool.run(task(n++))))
    local.push(await timed(async () => { bytes = (await runRenderTask(task(n++))).bytes.length }))
  }
  console.log(`${c.template.id} ${c.size}: pool p50 ${percentile(pooled.slice(2), 50).toFixed(1)} ms, in process ${percentile(local.slice(2), 50).toFixed(1)} ms; task ${(ser / 1024).toFixed(0)} kB serialised, PNG ${(bytes / 1024).toFixed(0)} kB`)
}
await pool.close()
clearInterval(keepAlive)
