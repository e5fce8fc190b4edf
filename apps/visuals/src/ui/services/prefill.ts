import type { FieldValue, TemplateInfo } from '../types/api.ts'

/** Names other apps may use in the URL, mapped to the field ids the templates use. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = Object.freeze({ date: 'when', place: 'where', url: 'link', description: 'subtitle' })

/** Query parameters that steer the editor rather than fill a field. */
const CONTROL = new Set(['template', 'size', 'lang'])

/**
 * Picks the template a hand-over URL names: an exact id (`event-poster-fr`), or a family
 * (`event-poster`) in the interface language, else in the other language.
 */
export function pickTemplate(templates: readonly TemplateInfo[], wanted: string, language: string): TemplateInfo | undefined {
  return templates.find((t) => t.id === wanted)
    ?? templates.find((t) => t.family === wanted && t.language === language)
    ?? templates.find((t) => t.family === wanted)
}

/**
 * Field values from a hand-over URL's query: text, choice and QR fields only, by field id or alias;
 * texts cut to the field's limit, choices kept only when offered. Unknown names are ignored.
 */
export function prefillFields(template: TemplateInfo, query: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  for (const [rawKey, rawValue] of Object.entries(query)) {
    if (CONTROL.has(rawKey)) continue
    const value = Array.isArray(rawValue) ? rawValue[0] : rawValue
    if (typeof value !== 'string' || value.trim() === '') continue
    const field = template.fields.find((f) => f.id === rawKey) ?? template.fields.find((f) => f.id === FIELD_ALIASES[rawKey])
    if (!field || field.id in out && field.id !== rawKey) continue
    if (field.type === 'text') out[field.id] = [...value.trim()].slice(0, field.maxLength ?? 200).join('')
    else if (field.type === 'qr') out[field.id] = value.trim().slice(0, 512)
    else if (field.type === 'choice' && field.options?.includes(value)) out[field.id] = value
  }
  return out
}
