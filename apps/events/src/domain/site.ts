import type { EventsEnv } from './env.ts'
import { sanitizeRichText } from './text.ts'

/** The mini-site presentation written by the admins (sanitised HTML). */
export function getSite(env: EventsEnv): { presentationHtml: string } {
  return { presentationHtml: env.repo.siteHtml() }
}

/** Saves the presentation, sanitised like every rich text. */
export function setSite(env: EventsEnv, presentation: string): { presentationHtml: string } {
  const html = sanitizeRichText(presentation)
  env.repo.transaction(() => env.repo.setSiteHtml(html))
  return { presentationHtml: html }
}
