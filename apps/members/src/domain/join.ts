import crypto from 'node:crypto'
import { Conflict, NotFound, TooManyRequests } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { joinInput } from './schemas.ts'
import { getMember, newVerifyToken } from './members.ts'
import { readSettings, today } from './settings.ts'
import { parseOrThrow } from './validate.ts'
import type { Member } from './types.ts'

/** Whether the space's public join form is open. */
export const joinOpen = (env: MembersEnv): boolean => readSettings(env).joinEnabled

/** Applications one address may send per hour. */
export const JOIN_ATTEMPTS_PER_HOUR = 5

/**
 * Counts an application from `address` (kept hashed) and refuses past the hourly limit.
 * @throws TooManyRequests with Retry-After
 */
export function throttleJoin(env: MembersEnv, address: string): void {
  const now = env.clock()
  const key = crypto.createHash('sha256').update(address).digest('base64url').slice(0, 22)
  env.store.transaction(() => {
    env.store.joinAttempts.prune(new Date(now.getTime() - 86_400_000))
    if (env.store.joinAttempts.count(key, new Date(now.getTime() - 3_600_000)) >= JOIN_ATTEMPTS_PER_HOUR) {
      throw new TooManyRequests('Too many applications from this address; try again in an hour.', { headers: { 'Retry-After': '3600' } })
    }
    env.store.joinAttempts.add(key, now)
  })
}

/**
 * Records an application from the public join form as a pending member. An address already on file
 * answers the same as a new one, so the form tells a stranger nothing about who is a member.
 * @throws NotFound when the form is closed, ValidationError
 */
export function submitJoin(env: MembersEnv, input: unknown): { created: boolean } {
  if (!joinOpen(env)) throw new NotFound('This association does not take applications online.')
  const j = parseOrThrow(joinInput, input, 'application')
  return env.store.transaction(() => {
    if (env.store.members.getByEmail(j.email)) return { created: false }
    env.store.members.insert(
      {
        number: env.store.members.nextNumber(), firstName: j.firstName, lastName: j.lastName, email: j.email, phone: j.phone ?? null,
        address: { street: j.street, postcode: j.postcode, city: j.city, country: null }, birthDate: null, categoryId: null,
        joinedOn: today(env).today, consent: { newsletter: j.consentNewsletter, photos: j.consentPhotos }, remindersOptOut: false,
        language: j.language, notes: '', custom: {}, account: null,
      },
      newVerifyToken(), env.clock(), true,
    )
    return { created: true }
  })
}

/** An admin accepts a pending application. @throws NotFound, Conflict when the member is not pending */
export function approveMember(env: MembersEnv, id: number): Member {
  return env.store.transaction(() => {
    const m = getMember(env, id)
    if (!m.pending) throw new Conflict('This member is not waiting for validation.')
    env.store.members.setPending(id, false)
    return getMember(env, id)
  })
}
