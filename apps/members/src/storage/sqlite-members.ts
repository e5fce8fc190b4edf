import type { Db } from '@maison/db'
import type { MemberListItem, MemberListQuery, MemberRepository } from '../domain/repositories.ts'
import type { Member, MemberData, MemberStatus } from '../domain/types.ts'

export interface MemberRow {
  id: number
  number: string
  first_name: string
  last_name: string
  email: string | null
  phone: string | null
  street: string | null
  postcode: string | null
  city: string | null
  country: string | null
  birth_date: string | null
  category_id: number | null
  joined_on: string
  consent_newsletter: number
  consent_photos: number
  reminders_opt_out: number
  language: string
  notes: string
  custom: string
  account: string | null
  verify_token: string
  pending: number
  created_at: string
  updated_at: string
}

/** Maps a members_members row to the domain shape. */
export function memberFromRow(r: MemberRow): Member {
  return {
    id: r.id,
    number: r.number,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    address: { street: r.street, postcode: r.postcode, city: r.city, country: r.country },
    birthDate: r.birth_date,
    categoryId: r.category_id,
    joinedOn: r.joined_on,
    consent: { newsletter: !!r.consent_newsletter, photos: !!r.consent_photos },
    remindersOptOut: !!r.reminders_opt_out,
    language: r.language === 'en' ? 'en' : 'fr',
    notes: r.notes,
    custom: JSON.parse(r.custom) as Member['custom'],
    account: r.account,
    pending: !!r.pending,
    verifyToken: r.verify_token,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

const params = (d: MemberData) => ({
  number: d.number, first_name: d.firstName, last_name: d.lastName, email: d.email, phone: d.phone,
  street: d.address.street, postcode: d.address.postcode, city: d.address.city, country: d.address.country,
  birth_date: d.birthDate, category_id: d.categoryId, joined_on: d.joinedOn,
  consent_newsletter: d.consent.newsletter ? 1 : 0, consent_photos: d.consent.photos ? 1 : 0,
  reminders_opt_out: d.remindersOptOut ? 1 : 0, language: d.language, notes: d.notes,
  custom: JSON.stringify(d.custom), account: d.account,
})

// The latest subscription of each member decides the status; ties on the start date go to the newest row.
const LATEST = `(SELECT s.id FROM members_subscriptions s WHERE s.member_id = m.id ORDER BY s.starts_on DESC, s.id DESC LIMIT 1)`
const STATUS = `CASE WHEN ls.id IS NULL THEN 'none'
  WHEN ls.expires_on IS NULL OR ls.expires_on > @soonUntil THEN 'up_to_date'
  WHEN ls.expires_on >= @today THEN 'due_soon' ELSE 'lapsed' END`

const SORTS: Record<MemberListQuery['sort'], string> = {
  number: `length(m.number) {o}, m.number {o}`,
  name: `m.last_name COLLATE NOCASE {o}, m.first_name COLLATE NOCASE {o}`,
  joinedOn: `m.joined_on {o}`,
  expiresOn: `ls.expires_on {o}`,
  email: `m.email COLLATE NOCASE {o}`,
}

export class SqliteMemberRepository implements MemberRepository {
  constructor(private readonly db: Db) {}

  private one(sql: string, arg: unknown): Member | null {
    const row = this.db.prepare(`SELECT * FROM members_members WHERE ${sql}`).get(arg) as MemberRow | undefined
    return row ? memberFromRow(row) : null
  }

  get(id: number) {
    return this.one('id = ?', id)
  }

  getByNumber(number: string) {
    return this.one('number = ?', number)
  }

  getByAccount(username: string) {
    return this.one('account = ?', username)
  }

  getByEmail(email: string) {
    return this.one('email = ? COLLATE NOCASE', email)
  }

  getByToken(token: string) {
    return this.one('verify_token = ?', token)
  }

  insert(data: MemberData, verifyToken: string, now: Date, pending = false): Member {
    const at = now.toISOString()
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO members_members (number, first_name, last_name, email, phone, street, postcode, city, country, birth_date, category_id,
          joined_on, consent_newsletter, consent_photos, reminders_opt_out, language, notes, custom, account, verify_token, pending, created_at, updated_at)
         VALUES (@number, @first_name, @last_name, @email, @phone, @street, @postcode, @city, @country, @birth_date, @category_id,
          @joined_on, @consent_newsletter, @consent_photos, @reminders_opt_out, @language, @notes, @custom, @account, @verify_token, @pending, @at, @at)`,
      )
      .run({ ...params(data), verify_token: verifyToken, pending: pending ? 1 : 0, at })
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, data: MemberData, now: Date): Member {
    this.db
      .prepare(
        `UPDATE members_members SET number=@number, first_name=@first_name, last_name=@last_name, email=@email, phone=@phone, street=@street,
          postcode=@postcode, city=@city, country=@country, birth_date=@birth_date, category_id=@category_id, joined_on=@joined_on,
          consent_newsletter=@consent_newsletter, consent_photos=@consent_photos, reminders_opt_out=@reminders_opt_out, language=@language,
          notes=@notes, custom=@custom, account=@account, updated_at=@at WHERE id=@id`,
      )
      .run({ ...params(data), id, at: now.toISOString() })
    return this.get(id)!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_members WHERE id = ?').run(id)
  }

  setPending(id: number, pending: boolean): void {
    this.db.prepare('UPDATE members_members SET pending = ? WHERE id = ?').run(pending ? 1 : 0, id)
  }

  setVerifyToken(id: number, token: string): void {
    this.db.prepare('UPDATE members_members SET verify_token = ? WHERE id = ?').run(token, id)
  }

  nextNumber(): string {
    const row = this.db
      .prepare(`SELECT max(CAST(number AS INTEGER)) AS n FROM members_members WHERE number NOT GLOB '*[^0-9]*' AND length(number) < 16`)
      .get() as { n: number | null }
    return String((row.n ?? 0) + 1)
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM members_members').get() as { n: number }).n
  }

  list(q: MemberListQuery): { items: MemberListItem[]; total: number } {
    const where: string[] = []
    const args: Record<string, unknown> = { today: q.today, soonUntil: q.soonUntil }
    if (!q.includeHidden) where.push('(c.hidden IS NULL OR c.hidden = 0)')
    if (q.categoryId !== undefined) {
      where.push('m.category_id = @categoryId')
      args.categoryId = q.categoryId
    }
    if (q.ids) {
      where.push('m.id IN (SELECT value FROM json_each(@ids))')
      args.ids = JSON.stringify(q.ids)
    }
    if (q.pending !== undefined) where.push(q.pending ? 'm.pending = 1' : 'm.pending = 0')
    if (q.q) {
      where.push(`(m.last_name LIKE @like ESCAPE '\\' OR m.first_name LIKE @like ESCAPE '\\' OR m.email LIKE @like ESCAPE '\\'
        OR m.number = @exact OR m.city LIKE @like ESCAPE '\\' OR (m.first_name || ' ' || m.last_name) LIKE @like ESCAPE '\\')`)
      args.like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      args.exact = q.q
    }
    if (q.status) {
      where.push(`(${STATUS}) = @status`)
      args.status = q.status
    }
    // The latest subscription costs a subquery per member: join it for the whole set only when a filter or
    // the sort needs it, else only for the page's rows.
    const needsLatest = q.status !== undefined || q.sort === 'expiresOn'
    const base = `FROM members_members m LEFT JOIN members_categories c ON c.id = m.category_id
      ${needsLatest ? `LEFT JOIN members_subscriptions ls ON ls.id = ${LATEST}` : ''} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
    const total = (this.db.prepare(`SELECT count(*) AS n ${base}`).get(args) as { n: number }).n
    const order = `${SORTS[q.sort].replaceAll('{o}', q.order === 'desc' ? 'DESC' : 'ASC')}, m.id`
    const sql = needsLatest
      ? `SELECT m.*, ${STATUS} AS status, ls.expires_on AS ls_expires_on ${base} ORDER BY ${order} LIMIT @limit OFFSET @offset`
      : `SELECT m.*, ${STATUS} AS status, ls.expires_on AS ls_expires_on
         FROM (SELECT m.id ${base} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
         JOIN members_members m ON m.id = page.id LEFT JOIN members_subscriptions ls ON ls.id = ${LATEST} ORDER BY ${order}`
    const rows = this.db.prepare(sql).all({ ...args, limit: q.limit, offset: q.offset }) as (MemberRow & { status: MemberStatus; ls_expires_on: string | null })[]
    return { total, items: rows.map((r) => ({ member: memberFromRow(r), status: r.status, expiresOn: r.ls_expires_on })) }
  }
}
