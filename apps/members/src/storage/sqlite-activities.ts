import type { Db } from '@maison/db'
import type { ActivityRepository, PaymentRepository, SubscriptionRepository } from '../domain/repositories.ts'
import type { Activity, Fee, Payment, PaymentMethod, Subscription, Validity } from '../domain/types.ts'

interface ActivityRow { id: number; name: string; validity: string; validity_days: number | null; season_start: string | null; season_end: string | null }
interface FeeRow { id: number; activity_id: number; label: string; amount_cents: number; category_id: number | null }
type NewActivity = Parameters<ActivityRepository['insert']>[0]

const validityOf = (r: ActivityRow): Validity =>
  r.validity === 'days' ? { kind: 'days', days: r.validity_days! } : r.validity === 'season' ? { kind: 'season', start: r.season_start!, end: r.season_end! } : { kind: 'none' }
const fee = (r: FeeRow): Fee => ({ id: r.id, activityId: r.activity_id, label: r.label, amountCents: r.amount_cents, categoryId: r.category_id })

export class SqliteActivityRepository implements ActivityRepository {
  constructor(private readonly db: Db) {}

  private withFees(rows: ActivityRow[]): Activity[] {
    const fees = this.db.prepare('SELECT * FROM members_fees WHERE activity_id = ? ORDER BY category_id IS NOT NULL, id')
    return rows.map((r) => ({ id: r.id, name: r.name, validity: validityOf(r), fees: (fees.all(r.id) as FeeRow[]).map(fee) }))
  }

  list(): Activity[] {
    return this.withFees(this.db.prepare('SELECT * FROM members_activities ORDER BY id DESC').all() as ActivityRow[])
  }

  get(id: number): Activity | null {
    const r = this.db.prepare('SELECT * FROM members_activities WHERE id = ?').get(id) as ActivityRow | undefined
    return r ? this.withFees([r])[0]! : null
  }

  private columns(a: NewActivity) {
    const v = a.validity
    return {
      name: a.name, validity: v.kind, days: v.kind === 'days' ? v.days : null,
      start: v.kind === 'season' ? v.start : null, end: v.kind === 'season' ? v.end : null,
    }
  }

  private replaceFees(activityId: number, fees: NewActivity['fees']): void {
    const existing = this.db.prepare('SELECT * FROM members_fees WHERE activity_id = ?').all(activityId) as FeeRow[]
    const keep = new Set<number>()
    // Fees are matched by category so subscriptions keep pointing at "their" fee when amounts change.
    for (const f of fees) {
      const same = existing.find((e) => e.category_id === f.categoryId)
      if (same) {
        this.db.prepare('UPDATE members_fees SET label = ?, amount_cents = ? WHERE id = ?').run(f.label, f.amountCents, same.id)
        keep.add(same.id)
      } else {
        this.db.prepare('INSERT INTO members_fees (activity_id, label, amount_cents, category_id) VALUES (?, ?, ?, ?)').run(activityId, f.label, f.amountCents, f.categoryId)
      }
    }
    for (const e of existing) if (!keep.has(e.id)) this.db.prepare('DELETE FROM members_fees WHERE id = ?').run(e.id)
  }

  insert(a: NewActivity, now: Date): Activity {
    const c = this.columns(a)
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO members_activities (name, validity, validity_days, season_start, season_end, created_at) VALUES (@name, @validity, @days, @start, @end, @at)')
      .run({ ...c, at: now.toISOString() })
    const id = Number(lastInsertRowid)
    this.replaceFees(id, a.fees)
    return this.get(id)!
  }

  update(id: number, a: NewActivity): Activity {
    this.db
      .prepare('UPDATE members_activities SET name=@name, validity=@validity, validity_days=@days, season_start=@start, season_end=@end WHERE id=@id')
      .run({ ...this.columns(a), id })
    this.replaceFees(id, a.fees)
    return this.get(id)!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_activities WHERE id = ?').run(id)
  }

  subscriptionCount(id: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM members_subscriptions WHERE activity_id = ?').get(id) as { n: number }).n
  }
}

interface SubscriptionRow {
  id: number; member_id: number; activity_id: number; fee_id: number | null; amount_due_cents: number
  starts_on: string; expires_on: string | null; created_at: string
}
const subscription = (r: SubscriptionRow): Subscription => ({
  id: r.id, memberId: r.member_id, activityId: r.activity_id, feeId: r.fee_id, amountDueCents: r.amount_due_cents,
  startsOn: r.starts_on, expiresOn: r.expires_on, createdAt: r.created_at,
})

export class SqliteSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly db: Db) {}

  latest(memberId: number): Subscription | null {
    const r = this.db.prepare('SELECT * FROM members_subscriptions WHERE member_id = ? ORDER BY starts_on DESC, id DESC LIMIT 1').get(memberId) as SubscriptionRow | undefined
    return r ? subscription(r) : null
  }

  latestForActivity(memberId: number, activityId: number): Subscription | null {
    const r = this.db
      .prepare('SELECT * FROM members_subscriptions WHERE member_id = ? AND activity_id = ? ORDER BY starts_on DESC, id DESC LIMIT 1')
      .get(memberId, activityId) as SubscriptionRow | undefined
    return r ? subscription(r) : null
  }

  listForMember(memberId: number): Subscription[] {
    return (this.db.prepare('SELECT * FROM members_subscriptions WHERE member_id = ? ORDER BY starts_on DESC, id DESC').all(memberId) as SubscriptionRow[]).map(subscription)
  }

  get(id: number): Subscription | null {
    const r = this.db.prepare('SELECT * FROM members_subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined
    return r ? subscription(r) : null
  }

  insert(s: Omit<Subscription, 'id' | 'createdAt'>, now: Date): Subscription {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO members_subscriptions (member_id, activity_id, fee_id, amount_due_cents, starts_on, expires_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.memberId, s.activityId, s.feeId, s.amountDueCents, s.startsOn, s.expiresOn, now.toISOString())
    return this.get(Number(lastInsertRowid))!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_subscriptions WHERE id = ?').run(id)
  }

  paidCents(subscriptionId: number): number {
    return (this.db.prepare('SELECT ifnull(sum(amount_cents), 0) AS n FROM members_payments WHERE subscription_id = ?').get(subscriptionId) as { n: number }).n
  }
}

interface PaymentRow {
  id: number; member_id: number; subscription_id: number; amount_cents: number; paid_on: string; method: string
  reference: string | null; note: string; receipt_number: number; created_at: string
}
const payment = (r: PaymentRow): Payment => ({
  id: r.id, memberId: r.member_id, subscriptionId: r.subscription_id, amountCents: r.amount_cents, paidOn: r.paid_on,
  method: r.method as PaymentMethod, reference: r.reference, note: r.note, receiptNumber: r.receipt_number, createdAt: r.created_at,
})

export class SqlitePaymentRepository implements PaymentRepository {
  constructor(private readonly db: Db) {}

  listForMember(memberId: number): Payment[] {
    return (this.db.prepare('SELECT * FROM members_payments WHERE member_id = ? ORDER BY paid_on DESC, id DESC').all(memberId) as PaymentRow[]).map(payment)
  }

  get(id: number): Payment | null {
    const r = this.db.prepare('SELECT * FROM members_payments WHERE id = ?').get(id) as PaymentRow | undefined
    return r ? payment(r) : null
  }

  insert(p: Omit<Payment, 'id' | 'receiptNumber' | 'createdAt'>, now: Date): Payment {
    // Receipt numbers never reuse a deleted payment's number: the sequence lives in the settings.
    const next = this.db.prepare(`INSERT INTO members_settings (key, value) VALUES ('receiptSeq', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER) AS n`).get() as { n: number }
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO members_payments (member_id, subscription_id, amount_cents, paid_on, method, reference, note, receipt_number, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.memberId, p.subscriptionId, p.amountCents, p.paidOn, p.method, p.reference, p.note, next.n, now.toISOString())
    return this.get(Number(lastInsertRowid))!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_payments WHERE id = ?').run(id)
  }

  clearDetails(memberId: number): void {
    this.db.prepare("UPDATE members_payments SET reference = NULL, note = '' WHERE member_id = ?").run(memberId)
  }
}
