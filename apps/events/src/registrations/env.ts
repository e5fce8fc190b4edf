import type { MailMessage } from '@maison/mail'
import type { EventRecord, Occurrence } from '../domain/model.ts'
import type { RegistrationRepository } from './repository.ts'

/** What the sign-up domain needs, handed in by the HTTP layer or a job (never imported). */
export interface RegistrationsEnv {
  repo: RegistrationRepository
  clock: () => Date
  sendMail: (msg: MailMessage) => Promise<void>
  space: { slug: string; name: string; baseUrl: string }
  defaultZone: string
  /** The event in any state (the EventsReader's `get`). */
  event: (id: string) => EventRecord | null
  /** The occurrence of an event starting at `start`, or null (recurring events have several). */
  occurrence: (event: EventRecord, start: string) => Occurrence | null
}

/** The public URL of a personal link. */
export const personalLink = (env: RegistrationsEnv, kind: 'confirm' | 'manage', token: string): string =>
  `${env.space.baseUrl}/p/registrations/${kind === 'confirm' ? 'confirm/' : ''}${encodeURIComponent(token)}`
