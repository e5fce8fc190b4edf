import { Conflict, NotFound, ValidationError } from '@maison/errors'
import type { AuditLog, ClosingRequest, ClosingRequestRepository, Clock, DeletionRepository, ProvisionQueue, SpaceBackend, StaffMember, Transactor } from './ports.ts'
import { authorize } from './staff.ts'

export interface LifecycleDeps {
  backend: SpaceBackend
  deletions: DeletionRepository
  closing: ClosingRequestRepository
  audit: AuditLog
  tx: Transactor
  queue: ProvisionQueue
  clock: Clock
  graceDays: number
}

export interface SpaceView {
  slug: string
  name: string
  status: string
  quotaBytes: number
  maxAccounts: number
  createdAt: string
  purgeAfter: string | null
}

/** Suspend, resume, limits, delete with a grace period, restore and purge of existing spaces. */
export class SpaceLifecycle {
  constructor(private readonly d: LifecycleDeps) {}

  private now(): string {
    return this.d.clock().toISOString()
  }

  private log(staff: StaffMember | null, action: string, slug: string, detail: Record<string, unknown> = {}): void {
    this.d.audit.record({ at: this.now(), staffId: staff?.id ?? null, actor: staff?.username ?? 'system', action, target: `space:${slug}`, detail })
  }

  /** @throws NotFound */
  view(slug: string): SpaceView {
    const s = this.d.backend.get(slug)
    if (!s) throw new NotFound(`There is no space "${slug}".`)
    const del = this.d.deletions.get(slug)
    return { slug, ...s, purgeAfter: s.status === 'deleted' && del && !del.purgedAt ? del.purgeAfter : null }
  }

  /** @throws Forbidden, NotFound, Conflict */
  suspend(staff: StaffMember, slug: string, reason = ''): SpaceView {
    authorize(staff, 'operate')
    const s = this.view(slug)
    if (s.status === 'deleted') throw new Conflict('A deleted space cannot be suspended; restore it first.')
    if (s.status !== 'suspended') {
      this.d.backend.setStatus(slug, 'suspended')
      this.log(staff, 'space.suspended', slug, { reason })
    }
    return this.view(slug)
  }

  /** @throws Forbidden, NotFound, Conflict */
  resume(staff: StaffMember, slug: string): SpaceView {
    authorize(staff, 'operate')
    const s = this.view(slug)
    if (s.status === 'deleted') throw new Conflict('A deleted space cannot be resumed; restore it instead.')
    if (s.status === 'suspended') {
      this.d.backend.setStatus(slug, 'active')
      this.log(staff, 'space.resumed', slug)
    }
    return this.view(slug)
  }

  /** @throws ValidationError, Forbidden, NotFound */
  changeLimits(staff: StaffMember, slug: string, limits: { quotaBytes?: number; maxAccounts?: number }): SpaceView {
    authorize(staff, 'operate')
    this.view(slug)
    if (limits.quotaBytes === undefined && limits.maxAccounts === undefined) {
      throw new ValidationError('Give quotaBytes or maxAccounts.', { errors: [{ path: '(body)', message: 'Give quotaBytes or maxAccounts.' }] })
    }
    this.d.backend.setLimits(slug, limits)
    this.log(staff, 'space.limits_changed', slug, limits)
    return this.view(slug)
  }

  /** Closes the space now and schedules its purge after the grace period. @throws Forbidden, NotFound */
  async delete(staff: StaffMember, slug: string): Promise<SpaceView> {
    authorize(staff, 'operate')
    const s = this.view(slug)
    if (s.status === 'deleted') return s
    const purgeAt = new Date(this.d.clock().getTime() + this.d.graceDays * 86400_000)
    this.d.tx.run(() => {
      this.d.deletions.upsert({ slug, previousStatus: s.status, deletedAt: this.now(), purgeAfter: purgeAt.toISOString() })
      this.d.backend.setStatus(slug, 'deleted')
      this.d.closing.close(slug, this.now())
      this.log(staff, 'space.deleted', slug, { purgeAfter: purgeAt.toISOString() })
    })
    await this.d.queue.schedulePurge(slug, purgeAt)
    return this.view(slug)
  }

  /** Brings a deleted space back during its grace period. @throws Forbidden, NotFound, Gone-like Conflict */
  async restore(staff: StaffMember, slug: string): Promise<SpaceView> {
    authorize(staff, 'operate')
    const s = this.view(slug)
    const del = this.d.deletions.get(slug)
    if (s.status !== 'deleted') return s
    if (!del || del.purgedAt) throw new Conflict('This space was purged; it can no longer be restored.')
    this.d.tx.run(() => {
      this.d.backend.setStatus(slug, del.previousStatus === 'suspended' ? 'suspended' : 'active')
      this.d.deletions.remove(slug)
      this.log(staff, 'space.restored', slug)
    })
    await this.d.queue.cancelPurge(slug)
    return this.view(slug)
  }

  /** Purges a deleted space whose grace period is over; does nothing otherwise (a restore won the race). */
  async purge(slug: string): Promise<boolean> {
    const del = this.d.deletions.get(slug)
    const s = this.d.backend.get(slug)
    if (!del || del.purgedAt || s?.status !== 'deleted' || del.purgeAfter > this.now()) return false
    await this.d.backend.purge(slug)
    this.d.deletions.markPurged(slug, this.now())
    this.log(null, 'space.purged', slug)
    return true
  }

  /** Slugs whose purge is due (a safety net when a delayed job was lost). */
  duePurges(): string[] {
    return this.d.deletions.due(this.now())
  }

  /** A space admin asks staff to close their space. @throws ValidationError, NotFound */
  requestClosure(slug: string, by: string, reason: string): ClosingRequest {
    this.view(slug)
    const text = reason.trim()
    if (text.length > 2000) throw new ValidationError('The reason is longer than 2,000 characters.', { errors: [{ path: 'reason', message: 'At most 2,000 characters.' }] })
    const req = this.d.closing.open(slug, by, text, this.now())
    this.log(null, 'space.closing_requested', slug, { by })
    return req
  }

  openClosingRequests(): ClosingRequest[] {
    return this.d.closing.listOpen()
  }
}
