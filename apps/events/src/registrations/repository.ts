import type { ParticipantMessage, Registration, RegistrationCounts, RegistrationStatus } from './model.ts'

/** Where sign-ups live. `atomically` is the one place seat decisions are made (see SqliteRegistrationRepository). */
export interface RegistrationRepository {
  /** Runs `fn` so that no other writer (any process) decides a seat of this space meanwhile. */
  atomically<T>(fn: () => T): T
  /** The space's secret that signs personal links. */
  linkSecret(): string
  insert(reg: Registration): void
  get(id: string): Registration | null
  /** The live (not cancelled or refused) sign-up of this person for the occurrence, if any. */
  findLive(eventId: string, occurrenceStart: string, who: { email?: string; accountUsername?: string }): Registration | null
  /** Every sign-up of an event (all occurrences), oldest first. */
  listByEvent(eventId: string): Registration[]
  counts(eventId: string, occurrenceStart: string): RegistrationCounts
  /** Waiting sign-ups of an occurrence in waiting-list order. */
  waiting(eventId: string, occurrenceStart: string): Registration[]
  /** Occurrences starting after `after` that have people waiting. */
  occurrencesWithWaiting(after: string): { eventId: string; occurrenceStart: string }[]
  /**
   * Changes the status; returns false when the row was not in one of `from` (someone else moved it first).
   * A status with an e-mail (all but cancelled) is marked as not yet notified.
   */
  transition(id: string, from: readonly RegistrationStatus[], to: RegistrationStatus, at: Partial<Pick<Registration, 'emailConfirmedAt' | 'queuedAt' | 'seatedAt' | 'cancelledAt'>>): boolean
  /** Confirmed sign-ups, not reminded yet, of occurrences starting in [from, to). */
  dueReminders(from: string, to: string): Registration[]
  /** Records the reminder; false when it was already recorded (the ledger that keeps it once). */
  markReminded(id: string, at: string): boolean
  /** Erases names, e-mails and answers of occurrences that ended before `endedBefore`; returns how many. */
  purgePersonalData(endedBefore: string, at: string): number
  /** Records that the e-mail of `status` was queued (nothing when the sign-up has moved on since). */
  markNotified(id: string, status: RegistrationStatus, at: string): void
  /** Decided sign-ups (confirmed, waiting, pending, refused) whose e-mail was never queued. */
  unnotified(): Registration[]
  /** Counts one more confirmation e-mail; answers its number, or null once `max` were sent. */
  countConfirmSend(id: string, max: number): number | null
  insertMessage(msg: ParticipantMessage): void
}
