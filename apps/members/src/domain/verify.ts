import { NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { today } from './settings.ts'
import type { IsoDate } from './types.ts'

/** What the public verify page may say about a card: valid (until when) or expired, nothing personal. @throws NotFound */
export function verifyCard(env: MembersEnv, token: string): { valid: boolean; validUntil: IsoDate | null } {
  const m = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? env.store.members.getByToken(token) : null
  if (!m) throw new NotFound('This card is unknown.')
  const latest = env.store.subscriptions.latest(m.id)
  if (!latest) return { valid: false, validUntil: null }
  const t = today(env).today
  return { valid: latest.expiresOn === null || latest.expiresOn >= t, validUntil: latest.expiresOn }
}
