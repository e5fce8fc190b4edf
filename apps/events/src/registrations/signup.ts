import { NotFound, ValidationError } from '@maison/errors'
import type { EventRecord, Occurrence } from '../domain/model.ts'
import type { Answers, Language, Registration, RegistrationStatus } from './model.ts'
import { personalLink, type RegistrationsEnv } from './env.ts'
import { LinkInvalid } from './errors.ts'
import { registrationMail, type MailKind } from './mails.ts'
import { assertJoinable, validateAnswers } from './rules.ts'
import { linkToken, newRegistrationId, verifyLinkToken } from './tokens.ts'

export interface SignUpInput {
  eventId: string
  /** ISO start of the occurrence; the event's first start when omitted. */
  occurrence?: string
  name?: string
  email?: string
  answers: Record<string, unknown>
  language: Language
  /** A field people never see; bots fill it. */
  honeypot?: string
}

export interface SignUpResult {
  registration: Registration | null
  /** created: new sign-up; existing: this person already signed up (nothing changed). */
  outcome: 'created' | 'existing' | 'ignored'
  /** Only for members (no e-mail round trip): where to view or cancel. */
  manageToken: string | null
}

/** Confirmation e-mails one sign-up may get (the first and two re-sends): enough for a lost mail, too few to spam. */
const MAX_CONFIRM_SENDS = 3

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,190}\.[^\s@<>()[\]\\,;:"]{2,63}$/

/** The event and occurrence a sign-up targets. @throws NotFound */
export function targetOf(env: RegistrationsEnv, eventId: string, occurrence?: string): { event: EventRecord; occurrence: Occurrence } {
  const event = env.event(eventId)
  if (!event) throw new NotFound('No such event.')
  const start = occurrence ? new Date(occurrence) : new Date(event.start)
  if (Number.isNaN(start.getTime())) throw new ValidationError('The occurrence is not a date.', { errors: [{ path: 'occurrence', message: 'expected an ISO date' }] })
  const occ = env.occurrence(event, start.toISOString())
  if (!occ) throw new NotFound('This event has no occurrence at that date.')
  return { event, occurrence: occ }
}

/** Sends the mail of one step, if the person gave an e-mail. */
export async function notify(env: RegistrationsEnv, kind: MailKind, reg: Registration, event: EventRecord, send?: number): Promise<void> {
  const purpose = kind === 'confirm' ? 'confirm' : 'manage'
  const link = kind === 'refused' ? null : personalLink(env, purpose, linkToken(env.repo.linkSecret(), purpose, reg.id))
  const mail = registrationMail({ kind, reg, event, spaceSlug: env.space.slug, spaceName: env.space.name, link, defaultZone: env.defaultZone, send })
  if (mail) await env.sendMail(mail)
  // Only decided statuses are tracked: someone unconfirmed simply asks for the confirmation again.
  if (kind !== 'reminder' && kind !== 'confirm') env.repo.markNotified(reg.id, reg.status, env.clock().toISOString())
}

/** The e-mail that tells a person their current status (after a decision). */
export function statusMailOf(reg: Registration): MailKind | null {
  if (reg.status === 'confirmed') return reg.queuedAt ? 'promoted' : 'confirmed'
  return reg.status === 'waiting' || reg.status === 'pending' || reg.status === 'refused' ? reg.status : null
}

/**
 * Decides the seat of a sign-up whose e-mail is confirmed (or a member's): confirmed while seats remain, else
 * the waiting list; in approval mode, pending. Runs in one IMMEDIATE transaction so that concurrent
 * decisions for the last seat, from any process, give it to exactly one.
 */
export function decideSeat(env: RegistrationsEnv, id: string, event: EventRecord, from: readonly RegistrationStatus[], approved = false): Registration | null {
  const now = env.clock().toISOString()
  return env.repo.atomically(() => {
    const reg = env.repo.get(id)
    if (!reg || !from.includes(reg.status)) return null
    const confirmedEmail = reg.emailConfirmedAt ? {} : { emailConfirmedAt: now }
    if (event.joinMode === 'approval' && !approved) {
      env.repo.transition(id, from, 'pending', confirmedEmail)
    } else {
      const { confirmed } = env.repo.counts(reg.eventId, reg.occurrenceStart)
      const free = event.capacity === null || confirmed < event.capacity
      env.repo.transition(id, from, free ? 'confirmed' : 'waiting', free ? { ...confirmedEmail, seatedAt: now } : { ...confirmedEmail, queuedAt: now })
    }
    return env.repo.get(id)
  })
}

const mailOfStatus: Partial<Record<RegistrationStatus, MailKind>> = { confirmed: 'confirmed', waiting: 'waiting', pending: 'pending' }

/**
 * A sign-up from the public form or a member's one click. Anonymous people get an e-mail to confirm
 * (no seat until then); members are decided at once.
 * @throws NotFound, ValidationError, EventCancelled, EventPast, SignUpClosed
 */
export async function signUp(env: RegistrationsEnv, input: SignUpInput, member?: { username: string; displayName: string; email?: string | null }): Promise<SignUpResult> {
  const { event, occurrence } = targetOf(env, input.eventId, input.occurrence)
  assertJoinable(event, occurrence, env.clock())
  const answers: Answers = validateAnswers(event.questions, input.answers)
  // A filled honeypot is answered like a success, so bots learn nothing; nothing is stored or sent.
  if (input.honeypot) return { registration: null, outcome: 'ignored', manageToken: null }
  const who = member ? { accountUsername: member.username } : { email: normaliseEmail(input.email) }
  const name = member ? member.displayName : normaliseName(input.name)
  // A member's account e-mail (status mails, reminder) may already hold an anonymous sign-up: that one is theirs.
  const memberEmail = member?.email ? member.email.trim().toLowerCase() : null
  const reg: Registration = {
    id: newRegistrationId(), eventId: event.id, eventUid: event.uid, occurrenceStart: occurrence.start, occurrenceEnd: occurrence.end,
    status: 'unconfirmed', name, email: who.email ?? memberEmail, accountUsername: who.accountUsername ?? null, answers, language: input.language,
    createdAt: env.clock().toISOString(), emailConfirmedAt: null, queuedAt: null, seatedAt: null, cancelledAt: null, remindedAt: null, purgedAt: null,
  }
  // One IMMEDIATE transaction: two submissions of the same person cannot both pass the check and collide on insert.
  const { existing, resend } = env.repo.atomically(() => {
    const found = env.repo.findLive(event.id, occurrence.start, who) ?? (memberEmail ? env.repo.findLive(event.id, occurrence.start, { email: memberEmail }) : null)
    if (!found) env.repo.insert(reg)
    // Someone who lost the confirmation e-mail asks again: a new one, up to MAX_CONFIRM_SENDS in all.
    return { existing: found, resend: found?.status === 'unconfirmed' ? env.repo.countConfirmSend(found.id, MAX_CONFIRM_SENDS) : null }
  })
  if (existing) {
    if (resend !== null) await notify(env, 'confirm', existing, event, resend)
    return { registration: existing, outcome: 'existing', manageToken: member ? linkToken(env.repo.linkSecret(), 'manage', existing.id) : null }
  }
  if (!member) {
    await notify(env, 'confirm', reg, event, 1)
    return { registration: reg, outcome: 'created', manageToken: null }
  }
  const decided = decideSeat(env, reg.id, event, ['unconfirmed'])!
  const kind = mailOfStatus[decided.status]
  if (kind) await notify(env, kind, decided, event)
  return { registration: decided, outcome: 'created', manageToken: linkToken(env.repo.linkSecret(), 'manage', reg.id) }
}

function normaliseEmail(raw: string | undefined): string {
  const email = (raw ?? '').trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) {
    throw new ValidationError('Please give a valid e-mail address.', { errors: [{ path: 'email', message: 'expected an e-mail address such as name@example.org' }] })
  }
  return email
}

function normaliseName(raw: string | undefined): string {
  const name = (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if (name.length < 1 || name.length > 200) {
    throw new ValidationError('Please give your name (1 to 200 characters).', { errors: [{ path: 'name', message: 'expected 1 to 200 characters' }] })
  }
  return name
}

/** The registration a personal link designates. @throws LinkInvalid */
export function registrationOfLink(env: RegistrationsEnv, purpose: 'confirm' | 'manage', token: string): Registration {
  const id = verifyLinkToken(env.repo.linkSecret(), purpose, token)
  const reg = id ? env.repo.get(id) : null
  if (!reg) throw new LinkInvalid('This link is not valid (it may be incomplete or the sign-up was deleted).')
  return reg
}

/**
 * The e-mail link was opened: decides the seat. A second confirmation changes nothing and says so.
 * @throws LinkInvalid, EventCancelled, EventPast
 */
export async function confirmSignUp(env: RegistrationsEnv, token: string): Promise<{ registration: Registration; already: boolean; manageToken: string }> {
  const reg = registrationOfLink(env, 'confirm', token)
  const manageToken = linkToken(env.repo.linkSecret(), 'manage', reg.id)
  if (reg.status !== 'unconfirmed') return { registration: reg, already: true, manageToken }
  const { event, occurrence } = targetOf(env, reg.eventId, reg.occurrenceStart)
  assertJoinable(event, occurrence, env.clock())
  const decided = decideSeat(env, reg.id, event, ['unconfirmed'])
  if (!decided) return { registration: env.repo.get(reg.id)!, already: true, manageToken }
  const kind = mailOfStatus[decided.status]
  if (kind) await notify(env, kind, decided, event)
  return { registration: decided, already: false, manageToken }
}

/** Inside a transaction: gives free seats of the occurrence to the first people waiting; returns them. */
function promoteWaiting(env: RegistrationsEnv, event: EventRecord, occurrenceStart: string, now: string): Registration[] {
  if (event.status === 'cancelled' || event.joinMode === 'none' || event.joinMode === 'external') return []
  const { confirmed } = env.repo.counts(event.id, occurrenceStart)
  let free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - confirmed
  const promoted: Registration[] = []
  for (const next of env.repo.waiting(event.id, occurrenceStart)) {
    if (free <= 0) break
    if (env.repo.transition(next.id, ['waiting'], 'confirmed', { seatedAt: now })) {
      promoted.push(env.repo.get(next.id)!)
      free--
    }
  }
  return promoted
}

/**
 * Gives seats that became free without a cancellation (the organisers raised the capacity or removed the limit)
 * to the people waiting, who get an e-mail. Safe to run any time: it only fills seats that are free.
 * `onlyEvent` limits it to one event (right after its organiser raised the capacity).
 */
export async function fillFreeSeats(env: RegistrationsEnv, onlyEvent?: string): Promise<number> {
  const now = env.clock().toISOString()
  let total = 0
  for (const { eventId, occurrenceStart } of env.repo.occurrencesWithWaiting(now)) {
    if (onlyEvent !== undefined && eventId !== onlyEvent) continue
    const event = env.event(eventId)
    if (!event) continue
    const promoted = env.repo.atomically(() => promoteWaiting(env, event, occurrenceStart, now))
    for (const p of promoted) await notify(env, 'promoted', p, event)
    total += promoted.length
  }
  return total
}

/**
 * Cancels a sign-up and, when it held a seat, gives it to the first people waiting (who get an e-mail).
 * Cancelling twice changes nothing and says so. @throws NotFound
 */
export async function cancelRegistration(env: RegistrationsEnv, id: string, reason: 'cancelled' | 'refused' = 'cancelled'): Promise<{ registration: Registration; already: boolean; promoted: Registration[] }> {
  const now = env.clock().toISOString()
  const before = env.repo.get(id)
  if (!before) throw new NotFound('No such sign-up.')
  const event = env.event(before.eventId)
  const result = env.repo.atomically(() => {
    const reg = env.repo.get(id)!
    if (!env.repo.transition(id, ['unconfirmed', 'pending', 'waiting', 'confirmed'], reason, { cancelledAt: now })) {
      return { registration: reg, already: true, promoted: [] as Registration[] }
    }
    const promoted = reg.status === 'confirmed' && event ? promoteWaiting(env, event, reg.occurrenceStart, now) : []
    return { registration: env.repo.get(id)!, already: false, promoted }
  })
  if (event && !result.already) {
    for (const p of result.promoted) await notify(env, 'promoted', p, event)
    if (reason === 'refused') await notify(env, 'refused', result.registration, event)
  }
  return result
}
