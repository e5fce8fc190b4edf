import type { MailMessage } from '@maison/mail'
import type { EventRecord } from '../domain/model.ts'
import { escapeHtml } from '../public/html.ts'
import { formatWhen, safeZone } from '../public/dates.ts'
import type { Language, Registration } from './model.ts'

export type MailKind = 'confirm' | 'confirmed' | 'waiting' | 'pending' | 'promoted' | 'refused' | 'reminder'

interface Copy {
  subject: (title: string) => string
  lead: string
  action?: string
}

const COPY: Record<Language, Record<MailKind, Copy>> = {
  fr: {
    confirm: { subject: (t) => `Confirmez votre inscription : ${t}`, lead: 'Pour confirmer votre inscription, ouvrez ce lien :', action: 'Confirmer mon inscription' },
    confirmed: { subject: (t) => `Inscription confirmée : ${t}`, lead: 'Votre place est réservée. Pour voir ou annuler votre inscription :', action: 'Voir mon inscription' },
    waiting: { subject: (t) => `Liste d’attente : ${t}`, lead: 'L’événement est complet : vous êtes sur la liste d’attente. Nous vous écrirons si une place se libère.', action: 'Voir mon inscription' },
    pending: { subject: (t) => `Inscription reçue : ${t}`, lead: 'Les organisateurs vont examiner votre inscription et vous écriront.', action: 'Voir mon inscription' },
    promoted: { subject: (t) => `Une place s’est libérée : ${t}`, lead: 'Bonne nouvelle : une place s’est libérée, votre inscription est confirmée.', action: 'Voir mon inscription' },
    refused: { subject: (t) => `Inscription non retenue : ${t}`, lead: 'Les organisateurs n’ont pas pu retenir votre inscription.' },
    reminder: { subject: (t) => `Rappel : ${t} demain`, lead: 'Un petit rappel : l’événement a lieu bientôt.', action: 'Voir mon inscription' },
  },
  en: {
    confirm: { subject: (t) => `Confirm your sign-up: ${t}`, lead: 'To confirm your sign-up, open this link:', action: 'Confirm my sign-up' },
    confirmed: { subject: (t) => `Sign-up confirmed: ${t}`, lead: 'Your seat is booked. To view or cancel your sign-up:', action: 'View my sign-up' },
    waiting: { subject: (t) => `Waiting list: ${t}`, lead: 'The event is full: you are on the waiting list. We will write if a seat frees up.', action: 'View my sign-up' },
    pending: { subject: (t) => `Sign-up received: ${t}`, lead: 'The organisers will review your sign-up and write to you.', action: 'View my sign-up' },
    promoted: { subject: (t) => `A seat freed up: ${t}`, lead: 'Good news: a seat freed up and your sign-up is now confirmed.', action: 'View my sign-up' },
    refused: { subject: (t) => `Sign-up not accepted: ${t}`, lead: 'The organisers could not accept your sign-up.' },
    reminder: { subject: (t) => `Reminder: ${t} tomorrow`, lead: 'A friendly reminder: the event is coming up soon.', action: 'View my sign-up' },
  },
}

// Header injection: a title with a line break must not start a new mail header.
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 200)

/** The e-mail of one step of a sign-up; `key` makes retries of the same step a no-op. */
export function registrationMail(input: {
  kind: MailKind
  reg: Registration
  event: EventRecord
  spaceSlug: string
  spaceName: string
  link: string | null
  defaultZone: string
  /** Which confirmation e-mail this is (1 to 3): each has its own key, so a re-send is not deduplicated away. */
  send?: number
}): MailMessage | null {
  const { kind, reg, event } = input
  if (!reg.email) return null
  const copy = COPY[reg.language][kind]
  const zone = safeZone(event.timezone, input.defaultZone)
  const when = formatWhen(reg.occurrenceStart, zone, reg.language, event.allDay)
  const greeting = reg.language === 'fr' ? `Bonjour ${reg.name ?? ''},` : `Hello ${reg.name ?? ''},`
  const place = event.address ? `\n${event.address}` : ''
  const text = [
    greeting, '', `${event.title}`, `${when}${place}`, '', copy.lead, input.link && copy.action ? input.link : '', '', `— ${input.spaceName}`,
  ].join('\n')
  const html = `<p>${escapeHtml(greeting)}</p><p><strong>${escapeHtml(event.title)}</strong><br>${escapeHtml(when)}${event.address ? `<br>${escapeHtml(event.address)}` : ''}</p>` +
    `<p>${escapeHtml(copy.lead)}</p>${input.link && copy.action ? `<p><a href="${escapeHtml(input.link)}">${escapeHtml(copy.action)}</a></p>` : ''}` +
    `<p>— ${escapeHtml(input.spaceName)}</p>`
  return { to: reg.email, subject: oneLine(copy.subject(event.title)), text, html, key: `events:${kind}:${input.spaceSlug}:${reg.id}${kind === 'confirm' ? `:${input.send ?? 1}` : ''}` }
}

/** An organiser's message to one participant (plain text from the organiser, escaped in the HTML part). */
export function participantMessageMail(input: {
  reg: Registration
  event: EventRecord
  spaceSlug: string
  spaceName: string
  messageId: string
  subject: string
  body: string
}): MailMessage | null {
  if (!input.reg.email) return null
  const html = `<p><strong>${escapeHtml(input.event.title)}</strong></p>${input.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}<p>— ${escapeHtml(input.spaceName)}</p>`
  return {
    to: input.reg.email,
    subject: oneLine(input.subject),
    text: `${input.event.title}\n\n${input.body}\n\n— ${input.spaceName}`,
    html,
    key: `events:message:${input.spaceSlug}:${input.messageId}:${input.reg.id}`,
  }
}
