// The work profiled by cpu-profile.ts: every bench case (or those whose template id contains the second argument)
// through runRenderTask, as in a render process, one text changed every run as in the benchmark.
import { runRenderTask } from '../../apps/visuals/src/render/task.ts'
import { preloadEncoders } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, fieldsForRun, BENCH_KIT } from './cases.ts'

const runs = Number(process.argv[2] ?? 10)
await preloadEncoders()
const cases = benchCases().filter((c) => !process.argv[3] || c.template.id.includes(process.argv[3]))
const started = performance.now()
for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    await runRenderTask({ kind: 'template', template: c.template, size: SIZES[c.size], fields: fieldsForRun(c, i), kit: BENCH_KIT, type: c.type, pixelWidth: SIZES[c.size].width })
  }
}
console.log(`${runs} × ${cases.length} renders in ${(performance.now() - started).toFixed(0)} ms`)
