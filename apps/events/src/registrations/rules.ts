import { ValidationError, type FieldError } from '@maison/errors'
import type { EventRecord, Occurrence, SignUpQuestion } from '../domain/model.ts'
import type { Answers } from './model.ts'
import { EventCancelled, EventPast, SignUpClosed } from './errors.ts'

const TEXT_MAX: Record<SignUpQuestion['type'], number> = { text: 500, longtext: 5000, choice: 500, checkbox: 5 }

/**
 * Whether people may sign up to this occurrence now.
 * @throws EventCancelled, EventPast, SignUpClosed
 */
export function assertJoinable(event: EventRecord, occurrence: Occurrence, now: Date): void {
  if (event.status === 'cancelled' || occurrence.status === 'cancelled') {
    throw new EventCancelled('This event was cancelled: sign-ups are closed.')
  }
  if (Date.parse(occurrence.start) <= now.getTime()) throw new EventPast('This event has already started: sign-ups are closed.')
  if (event.joinMode === 'none') throw new SignUpClosed('This event takes no sign-ups.')
  if (event.joinMode === 'external') throw new SignUpClosed('Sign-ups for this event happen on another site.')
}

/**
 * Checks the answers against the event's questions; unknown answers are dropped.
 * @throws ValidationError naming each wrong answer as `answers.{questionId}`.
 */
export function validateAnswers(questions: readonly SignUpQuestion[], raw: Record<string, unknown>): Answers {
  const answers: Answers = {}
  const errors: FieldError[] = []
  for (const q of questions) {
    const path = `answers.${q.id}`
    const value = raw[q.id]
    if (q.type === 'checkbox') {
      const checked = value === true || value === 'on' || value === 'true' || value === '1'
      if (q.required && !checked) errors.push({ path, message: 'must be checked' })
      answers[q.id] = checked
      continue
    }
    const text = typeof value === 'string' ? value.trim() : ''
    if (value !== undefined && typeof value !== 'string') errors.push({ path, message: 'expected text' })
    else if (!text) {
      if (q.required) errors.push({ path, message: 'required' })
    } else if (text.length > TEXT_MAX[q.type]) errors.push({ path, message: `at most ${TEXT_MAX[q.type]} characters` })
    else if (q.type === 'choice' && !(q.choices ?? []).includes(text)) errors.push({ path, message: 'not one of the proposed choices' })
    else answers[q.id] = text
  }
  if (errors.length) throw new ValidationError('Some answers are missing or wrong.', { errors })
  return answers
}
