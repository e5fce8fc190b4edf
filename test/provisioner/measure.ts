/** Ad-hoc measurement (not a test): N approvals provisioned in process; prints approval-to-ready percentiles. */
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { startPlatform } from './platform.ts'

const n = Number(process.env.N ?? 200)
const t = await startPlatform({ redisUrl: process.env.REDIS!, options: { provisionConcurrency: Number(process.env.C ?? 4) } })
const staff = t.p.repos.staff.insert({ username: 'm', displayName: 'm', email: null, role: 'admin', passwordHash: await hashPassword('x-123456'), enabled: true, createdAt: new Date().toISOString() })
const ids: number[] = []
for (let i = 0; i < n; i++) {
  const { application } = await t.p.applications.submit({
    organisation: `Asso ${i}`, slug: `bench-${i}-z`, structureType: 'association_1901', sectors: ['culture'], purpose: 'x'.repeat(40),
    yearFounded: 2000, employees: 0, members: 10, beneficiaries: 10, budgetBand: 'under_10k', contactName: 'Bench', contactEmail: `b${i}@example.org`, charterAccepted: true,
  }, 'en')
  t.p.repos.apps.transition(application.id, ['unconfirmed'], 'pending', {}, new Date().toISOString())
  ids.push(application.id)
}
t.mail.startWorker(4)
const stop = await startProvisionWorkers(t.p)
const approvedAt = new Map<number, number>()
const t0 = Date.now()
for (const id of ids) {
  approvedAt.set(id, Date.now())
  await t.p.applications.approve(staff, id)
}
const readyAt = new Map<number, number>()
while (readyAt.size < n) {
  for (const id of ids) if (!readyAt.has(id) && t.p.repos.apps.byId(id)!.status === 'ready') readyAt.set(id, Date.now())
  await new Promise((r) => setTimeout(r, 5))
}
const total = Date.now() - t0
const lat = ids.map((id) => readyAt.get(id)! - approvedAt.get(id)!).sort((a, b) => a - b)
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]
console.log(JSON.stringify({ n, concurrency: process.env.C ?? 4, totalMs: total, perSecond: +(n / (total / 1000)).toFixed(1), p50: pct(50), p95: pct(95) }))
stop()
await t.close()
