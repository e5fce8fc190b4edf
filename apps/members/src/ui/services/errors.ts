import { problemOf, t } from '@maison/ui-shell'

/** The API's own sentence (problem+json) with each field's problem, else a generic one by status. */
export function apiErrorMessage(error: unknown): string {
  const p = problemOf(error)
  if (p.detail) return p.errors.length ? `${p.detail} ${p.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : p.detail
  if (p.status === 0) return t('members', 'The server could not be reached. Check your connection and try again.')
  if (p.status === 403) return t('members', 'You are not allowed to do this.')
  return t('members', 'Something went wrong. Please try again.')
}
