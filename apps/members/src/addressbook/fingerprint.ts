import { createHash } from 'node:crypto'
import type { Db } from '@maison/db'

/**
 * A fingerprint of everything the address book's cards are made of, read with two aggregate queries: it
 * changes when a member is added, removed, edited or validated, or a category renamed or hidden. Phones poll
 * the ctag often; building every vCard to hash them would cost a full export per poll.
 */
export function membersFingerprint(db: Db): string {
  const m = db.prepare('SELECT count(*) AS n, max(updated_at) AS at, total(id) AS ids, total(pending * id) AS pending FROM members_members').get() as Record<string, unknown>
  const c = db.prepare("SELECT group_concat(id || ':' || hidden || ':' || name, '/') AS cats FROM (SELECT * FROM members_categories ORDER BY id)").get() as { cats: string | null }
  return createHash('sha1').update(JSON.stringify([m.n, m.at, m.ids, m.pending, c.cats])).digest('hex')
}
