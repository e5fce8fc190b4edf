import crypto from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { Conflict, NotFound, ValidationError } from '@maison/errors'
import type { EventRecord } from '../domain/model.ts'
import type { Registration, RegistrationStatus } from './model.ts'
import type { RegistrationsEnv } from './env.ts'
import { participantMessageMail } from './mails.ts'
import { cancelRegistration, decideSeat, notify } from './signup.ts'

/** A sign-up as organisers see it. */
export interface Participant {
  id: string
  occurrenceStart: string
  status: RegistrationStatus
  name: string | null
  email: string | null
  accountUsername: string | null
  answers: Registration['answers']
  createdAt: string
}

const present = (r: Registration): Participant => ({
  id: r.id, occurrenceStart: r.occurrenceStart, status: r.status, name: r.name, email: r.email,
  accountUsername: r.accountUsername, answers: r.answers, createdAt: r.createdAt,
})

function eventOf(env: RegistrationsEnv, eventId: string): EventRecord {
  const event = env.event(eventId)
  if (!event) throw new NotFound('No such event.')
  return event
}

function registrationOf(env: RegistrationsEnv, eventId: string, id: string): Registration {
  const reg = env.repo.get(id)
  if (!reg || reg.eventId !== eventId) throw new NotFound('No such sign-up for this event.')
  return reg
}

/** Participants of an event grouped the way organisers read them. @throws NotFound */
export function participants(env: RegistrationsEnv, eventId: string): {
  confirmed: Participant[]; waiting: Participant[]; pending: Participant[]; unconfirmed: Participant[]; cancelled: Participant[]; refused: Participant[]
} {
  eventOf(env, eventId)
  const all = env.repo.listByEvent(eventId)
  const waiting = all.filter((r) => r.status === 'waiting').sort((a, b) => (a.queuedAt ?? '').localeCompare(b.queuedAt ?? ''))
  const of = (s: RegistrationStatus) => all.filter((r) => r.status === s).map(present)
  return { confirmed: of('confirmed'), waiting: waiting.map(present), pending: of('pending'), unconfirmed: of('unconfirmed'), cancelled: of('cancelled'), refused: of('refused') }
}

/** Accepts a pending sign-up: a seat if one is free, else the waiting list. @throws NotFound, Conflict */
export async function approve(env: RegistrationsEnv, eventId: string, id: string): Promise<Participant> {
  const event = eventOf(env, eventId)
  registrationOf(env, eventId, id)
  const decided = decideSeat(env, id, event, ['pending'], true)
  if (!decided) throw new Conflict('Only a sign-up waiting for approval can be approved.')
  await notify(env, decided.status === 'confirmed' ? 'confirmed' : 'waiting', decided, event)
  return present(decided)
}

/** Refuses a sign-up (the person gets an e-mail; a freed seat goes to the waiting list). @throws NotFound, Conflict */
export async function refuse(env: RegistrationsEnv, eventId: string, id: string): Promise<Participant> {
  registrationOf(env, eventId, id)
  const { registration, already } = await cancelRegistration(env, id, 'refused')
  if (already) throw new Conflict(`This sign-up is already ${registration.status}.`)
  return present(registration)
}

// A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
const FORMULA_START = /^[=+\-@\t\r|%]/

/** Neutralises text a spreadsheet would run as a formula by prefixing a quote. */
export const neutraliseCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value)

/** The participants as CSV (UTF-8 with BOM for spreadsheet programs), one column per question. @throws NotFound */
export function participantsCsv(env: RegistrationsEnv, eventId: string): string {
  const event = eventOf(env, eventId)
  const header = ['status', 'name', 'email', 'account', 'occurrence', 'signed_up_at', ...event.questions.map((q) => q.label)]
  const rows = env.repo.listByEvent(eventId).map((r) => [
    r.status, r.name ?? '', r.email ?? '', r.accountUsername ?? '', r.occurrenceStart, r.createdAt,
    ...event.questions.map((q) => {
      const a = r.answers[q.id]
      return a === undefined ? '' : typeof a === 'boolean' ? (a ? 'yes' : 'no') : a
    }),
  ])
  return `\ufeff${stringify([header, ...rows].map((row) => row.map((c) => neutraliseCell(String(c)))), { record_delimiter: '\r\n' })}`
}

/**
 * Queues one e-mail per confirmed (and optionally waiting) participant; the message id in each key keeps a
 * retried request from mailing twice. @throws NotFound, ValidationError
 */
export async function messageParticipants(env: RegistrationsEnv, eventId: string, input: { subject: string; body: string; includeWaiting: boolean; messageId?: string }, sender: string): Promise<{ id: string; recipients: number }> {
  const event = eventOf(env, eventId)
  const subject = input.subject.trim()
  const body = input.body.trim()
  if (!subject || !body) throw new ValidationError('A message needs a subject and a text.', { errors: [{ path: subject ? 'body' : 'subject', message: 'required' }] })
  const statuses: RegistrationStatus[] = input.includeWaiting ? ['confirmed', 'waiting'] : ['confirmed']
  const to = env.repo.listByEvent(eventId).filter((r) => statuses.includes(r.status) && r.email)
  const id = input.messageId ?? crypto.randomUUID()
  env.repo.insertMessage({ id, eventId, subject, body, recipients: to.length, createdBy: sender, createdAt: env.clock().toISOString() })
  for (const reg of to) {
    const mail = participantMessageMail({ reg, event, spaceSlug: env.space.slug, spaceName: env.space.name, messageId: id, subject, body })
    if (mail) await env.sendMail(mail)
  }
  return { id, recipients: to.length }
}
