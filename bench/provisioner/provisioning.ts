/** The measured runs: approved applications provisioned end to end by the real provisioner and workspace host. */
import type { Provisioner } from '../../apps/provisioner/src/index.ts'
import type { StaffMember } from '../../apps/provisioner/src/domain/ports.ts'
import { percentile } from '../dav/stats.ts'
import type { FlowResult } from './anchor.ts'

export interface ProvisionResult extends FlowResult {
  /** Until every welcome mail of the run was delivered (to the outbox). */
  mailsDoneMs: number
}

/** Submits and confirms `count` applications (not timed): what staff find in their queue. */
export async function prepareApplications(p: Provisioner, prefix: string, count: number): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const { application } = await p.applications.submit({
      organisation: `Association ${prefix} ${i}`, slug: `${prefix}-${i}-b`, structureType: 'association_1901', sectors: ['culture', 'social'],
      purpose: 'Ateliers, sorties et entraide entre voisins du quartier, toute l’année.', yearFounded: 2001, employees: 0, members: 25,
      beneficiaries: 60, budgetBand: 'under_10k', contactName: 'Bench Contact', contactEmail: `${prefix}${i}@example.org`, charterAccepted: true,
    }, 'fr')
    const now = p.clock().toISOString()
    p.repos.apps.transition(application.id, ['unconfirmed'], 'pending', { confirmedAt: now }, now)
    ids.push(application.id)
  }
  return ids
}

/** Approval-to-ready of each application, from the times the domain itself recorded. */
function latencies(p: Provisioner, ids: readonly number[]): number[] {
  return ids.map((id) => {
    const a = p.repos.apps.byId(id)!
    return Date.parse(a.readyAt!) - Date.parse(a.decidedAt!)
  })
}

async function waitUntilDone(p: Provisioner, baseReady: number, ids: readonly number[], slugs: readonly string[], t0: number, timeoutMs: number): Promise<{ readyMs: number; mailsDoneMs: number }> {
  const end = t0 + timeoutMs
  const fail = (what: string) => new Error(`${what} within ${timeoutMs} ms: ${JSON.stringify(p.repos.apps.countByStatus())}`)
  while ((p.repos.apps.countByStatus().ready ?? 0) - baseReady < ids.length) {
    if (Date.now() > end) throw fail('provisioning did not finish')
    await new Promise((r) => setTimeout(r, 20))
  }
  const readyMs = Date.now() - t0
  const wanted = new Set(slugs.map((s) => `welcome:${s}`))
  while (p.outbox.list(1_000_000).filter((m) => wanted.has(m.key)).length < wanted.size) {
    if (Date.now() > end) throw fail('welcome mails not all delivered')
    await new Promise((r) => setTimeout(r, 100))
  }
  return { readyMs, mailsDoneMs: Date.now() - t0 }
}

function result(p: Provisioner, ids: readonly number[], totalMs: number, mailsDoneMs: number): ProvisionResult {
  const lat = latencies(p, ids)
  return { count: ids.length, totalMs, mailsDoneMs, perSecond: ids.length / (totalMs / 1000), p50: percentile(lat, 50), p95: percentile(lat, 95) }
}

/** Approves every application at once, as a staff member clearing a queue would; timed until all are ready. */
export async function burst(p: Provisioner, staff: StaffMember, ids: readonly number[], timeoutMs: number): Promise<ProvisionResult> {
  const baseReady = p.repos.apps.countByStatus().ready ?? 0
  const t0 = Date.now()
  const slugs: string[] = []
  for (const id of ids) slugs.push((await p.applications.approve(staff, id)).slug)
  const { readyMs, mailsDoneMs } = await waitUntilDone(p, baseReady, ids, slugs, t0, timeoutMs)
  return result(p, ids, readyMs, mailsDoneMs)
}

/** Approvals arriving at a steady rate (per second); approval-to-ready without a backlog in front. */
export async function steady(p: Provisioner, staff: StaffMember, ids: readonly number[], perSecond: number, timeoutMs: number): Promise<ProvisionResult> {
  const baseReady = p.repos.apps.countByStatus().ready ?? 0
  const t0 = Date.now()
  const slugs: string[] = []
  for (let i = 0; i < ids.length; i++) {
    const due = t0 + (i * 1000) / perSecond
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
    slugs.push((await p.applications.approve(staff, ids[i]!)).slug)
  }
  const { readyMs, mailsDoneMs } = await waitUntilDone(p, baseReady, ids, slugs, t0, timeoutMs)
  return result(p, ids, readyMs, mailsDoneMs)
}

/** One approval at a time, the next once the previous space is ready: approval-to-ready with no queue at all. */
export async function oneByOne(p: Provisioner, staff: StaffMember, ids: readonly number[], timeoutMs: number): Promise<ProvisionResult> {
  const t0 = Date.now()
  for (const id of ids) {
    const base = p.repos.apps.countByStatus().ready ?? 0
    const slug = (await p.applications.approve(staff, id)).slug
    await waitUntilDone(p, base, [id], [slug], Date.now(), timeoutMs)
  }
  const totalMs = Date.now() - t0
  return result(p, ids, totalMs, totalMs)
}
