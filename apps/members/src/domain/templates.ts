import type { FieldError } from '@maison/errors'

export const PLACEHOLDERS = ['name', 'firstName', 'lastName', 'number', 'activity', 'expiryDate', 'amount', 'association'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

const TOKEN = /\{\{\s*([A-Za-z]+)\s*\}\}/g

/** Fills `{{placeholder}}` tokens; unknown ones are left as written. */
export function fill(template: string, vars: Record<Placeholder, string>): string {
  return template.replace(TOKEN, (all, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? vars[name as Placeholder] : all))
}

/** Field errors for placeholders that do not exist (a typo would reach members verbatim). */
export function unknownPlaceholders(template: string, path: string): FieldError[] {
  const bad = [...template.matchAll(TOKEN)].map((m) => m[1]!).filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n))
  return bad.length ? [{ path, message: `unknown placeholder ${bad.map((b) => `{{${b}}}`).join(', ')}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` }] : []
}

/** Default texts offered when an admin adds a rule. */
export const DEFAULT_TEMPLATES = {
  fr: {
    subject: 'Votre adhésion à {{association}} expire le {{expiryDate}}',
    body: 'Bonjour {{firstName}},\n\nVotre adhésion « {{activity}} » expire le {{expiryDate}}. Le montant du renouvellement est de {{amount}}.\n\nMerci de votre soutien,\n{{association}}',
  },
  en: {
    subject: 'Your membership of {{association}} expires on {{expiryDate}}',
    body: 'Hello {{firstName}},\n\nYour membership "{{activity}}" expires on {{expiryDate}}. Renewing costs {{amount}}.\n\nThank you for your support,\n{{association}}',
  },
}
