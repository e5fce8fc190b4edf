import { z } from 'zod'
import type { Db } from '@maison/db'
import { BadRequest } from '@maison/errors'

/** The sign-ups part of the events archive: every registration and the key that signs personal links. */
export const REGISTRATIONS = 'registrations.json'
const FORMAT = 1

const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date')
const text = (max: number) => z.string().max(max)

const rowSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/),
  event_id: text(64).min(1),
  event_uid: text(1000).min(1),
  occurrence_start: instant,
  occurrence_end: instant,
  status: z.enum(['unconfirmed', 'pending', 'confirmed', 'waiting', 'cancelled', 'refused']),
  name: text(200).nullable(),
  email: text(254).nullable(),
  account_username: text(200).nullable(),
  answers: text(64_000).refine((s) => { try { return typeof JSON.parse(s) === 'object' } catch { return false } }, 'expected a JSON object'),
  language: z.enum(['fr', 'en']),
  created_at: instant,
  email_confirmed_at: instant.nullable(),
  queued_at: instant.nullable(),
  seated_at: instant.nullable(),
  cancelled_at: instant.nullable(),
  reminded_at: instant.nullable(),
  purged_at: instant.nullable(),
  confirm_sends: z.number().int().min(0).max(100).default(1),
  notified_at: instant.nullable().default(null),
})

const fileSchema = z.object({
  format: z.literal(FORMAT),
  secret: z.string().regex(/^[0-9a-f]{32,128}$/),
  registrations: z.array(rowSchema).max(1_000_000),
})

type RegistrationRow = z.infer<typeof rowSchema>
const COLUMNS = Object.keys(rowSchema.shape) as (keyof RegistrationRow)[]

/** The sign-ups of a space as an archive file. */
export function exportRegistrations(db: Db): Buffer {
  const registrations = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM events_registrations ORDER BY created_at, rowid`).all()
  const { secret } = db.prepare('SELECT secret FROM events_registration_keys WHERE id = 1').get() as { secret: string }
  return Buffer.from(JSON.stringify({ format: FORMAT, secret, registrations }, null, 1))
}

/**
 * Parses an archive's sign-ups (as untrusted as any upload). @throws BadRequest naming the first bad field
 */
export function parseRegistrations(content: Buffer): z.infer<typeof fileSchema> {
  let raw: unknown
  try {
    raw = JSON.parse(content.toString('utf8'))
  } catch (err) {
    throw new BadRequest('The sign-ups part of the events archive is not valid JSON.', { cause: err })
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new BadRequest(`The sign-ups part of the events archive is invalid at ${issue.path.join('.') || 'the top'}: ${issue.message}.`)
  }
  return parsed.data
}

/** Inside the import's transaction: stores the sign-ups and the link key, so e-mailed links keep working. */
export function importRegistrations(db: Db, file: z.infer<typeof fileSchema>): void {
  const insert = db.prepare(`INSERT OR REPLACE INTO events_registrations (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`)
  // An import re-sends nothing: its e-mails left (or were lost) in the old space.
  for (const r of file.registrations) insert.run({ ...r, notified_at: r.notified_at ?? r.created_at })
  db.prepare('UPDATE events_registration_keys SET secret = ? WHERE id = 1').run(file.secret)
}
