import { problemOf, t } from '@maison/ui-shell'

/** The API's own sentence (problem+json) with each field's problem, else a generic one by status. */
export function apiErrorMessage(error: unknown): string {
  const p = problemOf(error)
  if (p.detail) {
    // The detail often already names the field ("end: must be after the start"): add only what it does not say.
    const extra = p.errors.map((e) => `${e.path}: ${e.message}`).filter((line) => !p.detail!.includes(line))
    return extra.length ? `${p.detail} ${extra.join('; ')}` : p.detail
  }
  if (p.status === 0) return t('events', 'The server could not be reached. Check your connection and try again.')
  if (p.status === 403) return t('events', 'Only the space admins manage events.')
  return t('events', 'Something went wrong. Please try again.')
}
