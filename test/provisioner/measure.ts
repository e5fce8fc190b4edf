/** Ad-hoc measurement (not a test): N approvals provisioned in process; prints approval-to-ready percentiles. */
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { startPlatform } from './platform.ts'

const n = Number(process.env.N ?? 200)
const t = await startPlatform({ redisUrl: process.env.REDIS!, options: { provisionConcurrency: Number(process.env.C ?? 4), sweepMs: 60_000, sweepStaleMs: 60_000 } })
const staff = t.p.repos.staff.insert({ username: 'm', displayName: 'm', email: null, role: 'admin', passwordHash: await hashPassword('x-123456'), enabled: true, createdAt: new Date().toISOString() })
const ids: number[] = []
const tSubmit = Date.now()
for (let i = 0; i < n; i++) {
  if (i % 200 === 0) console.error(`submitted ${i} in ${Date.now() - tSubmit} ms`)
  const { application } = await t.p.applications.submit({
    organisation: `Asso ${i}`, slug: `bench-${i}-z`, structureType: 'association_1901', sectors: ['culture'], purpose: 'x'.repeat(40),
    yearFounded: 2000, employees: 0, members: 10, beneficiaries: 10, budgetBand: 'under_10k', contactName: 'Bench', contactEmail: `b${i}@example.org`, charterAccepted: true,
  }, 'en')
  t.p.repos.apps.transition(application.id, ['unconfirmed'], 'pending', {}, new Date().toISOString())
  ids.push(application.id)
}
t.mail.startWorker(4)
const stop = await startProvisionWorkers(t.p)
const t0 = Date.now()
for (const id of ids) {
  await t.p.applications.approve(staff, id)
}
let lastLog = Date.now()
for (;;) {
  const by = t.p.repos.apps.countByStatus()
  if ((by.ready ?? 0) >= n) break
  if (Date.now() - lastLog > 10_000) {
    lastLog = Date.now()
    console.error(JSON.stringify(by))
  }
  await new Promise((r) => setTimeout(r, 20))
}
const total = Date.now() - t0
// Decision and readiness times as recorded by the domain itself.
const lat = ids.map((id) => { const a = t.p.repos.apps.byId(id)!; return Date.parse(a.readyAt!) - Date.parse(a.decidedAt!) }).sort((a, b) => a - b)
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]
console.log(JSON.stringify({ n, concurrency: process.env.C ?? 4, totalMs: total, perSecond: +(n / (total / 1000)).toFixed(1), p50: pct(50), p95: pct(95) }))
stop()
await t.close()
process.exit(0)
