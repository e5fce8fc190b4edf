import { Conflict, NotFound, ValidationError, type FieldError } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { emailSchema, fieldInput, phoneSchema, urlSchema } from './schemas.ts'
import { isPlausibleDate } from './dates.ts'
import { parseOrThrow } from './validate.ts'
import type { CustomField, CustomValue } from './types.ts'

function checkValue(f: CustomField, v: CustomValue): string | null {
  switch (f.type) {
    case 'text':
    case 'long_text':
      if (typeof v !== 'string') return 'expected text'
      return v.length > (f.type === 'text' ? 500 : 10_000) ? 'too long' : null
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'expected a number'
    case 'date':
      return typeof v === 'string' && isPlausibleDate(v) ? null : 'expected a real date YYYY-MM-DD between 1900 and 2100'
    case 'choice':
      return typeof v === 'string' && f.options.includes(v) ? null : `expected one of ${f.options.join(', ')}`
    case 'multiple_choice':
      return Array.isArray(v) && v.every((x) => f.options.includes(x)) ? null : `expected a list taken from ${f.options.join(', ')}`
    case 'checkbox':
      return typeof v === 'boolean' ? null : 'expected true or false'
    case 'email':
      return typeof v === 'string' && emailSchema.safeParse(v).success ? null : 'expected an e-mail address like name@example.org'
    case 'phone':
      return typeof v === 'string' && phoneSchema.safeParse(v).success ? null : 'expected a phone number'
    case 'url':
      return typeof v === 'string' && urlSchema.safeParse(v).success ? null : 'expected a web address starting with http:// or https://'
  }
}

const isEmpty = (v: CustomValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

/**
 * Checks custom values against the field definitions and drops empty ones.
 * `editable` limits which keys may be given (a member editing their own record).
 * @throws ValidationError with paths `custom.{key}`
 */
export function validateCustom(fields: CustomField[], values: Record<string, CustomValue>, editable?: (f: CustomField) => boolean): Record<string, CustomValue> {
  const errors: FieldError[] = []
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const out: Record<string, CustomValue> = {}
  for (const [key, v] of Object.entries(values)) {
    const f = byKey.get(key)
    if (!f) errors.push({ path: `custom.${key}`, message: 'no such field' })
    else if (editable && !editable(f)) errors.push({ path: `custom.${key}`, message: 'you may not change this field' })
    else if (!isEmpty(v)) {
      const problem = checkValue(f, typeof v === 'string' ? v.trim() : v)
      if (problem) errors.push({ path: `custom.${key}`, message: problem })
      else out[key] = typeof v === 'string' ? v.trim() : v
    }
  }
  for (const f of fields) if (f.required && isEmpty(out[f.key])) {
    if (!errors.some((e) => e.path === `custom.${f.key}`)) errors.push({ path: `custom.${f.key}`, message: `${f.label} is required` })
  }
  if (errors.length) throw new ValidationError('Some custom fields are not valid.', { errors })
  return out
}

/** The custom fields of the space, in display order. */
export const listFields = (env: MembersEnv): CustomField[] => env.store.fields.list()

/** Defines a custom field. @throws ValidationError, Conflict when the key is taken */
export function createField(env: MembersEnv, input: unknown): CustomField {
  const f = parseOrThrow(fieldInput, input, 'field')
  return env.store.transaction(() => {
    if (env.store.fields.list().some((x) => x.key === f.key)) throw new Conflict('A field with this key exists.', { errors: [{ path: 'key', message: 'already used' }] })
    return env.store.fields.insert(f)
  })
}

/** Changes a field definition; the key and type stay (stored values depend on them). @throws NotFound, ValidationError */
export function updateField(env: MembersEnv, id: number, input: unknown): CustomField {
  const current = env.store.fields.get(id)
  if (!current) throw new NotFound('No such field.')
  const f = parseOrThrow(fieldInput, { ...current, ...(input as object), key: current.key, type: current.type }, 'field')
  return env.store.fields.update(id, f)
}

/** Removes a field definition; values already stored stay in the records until edited. @throws NotFound */
export function deleteField(env: MembersEnv, id: number): void {
  if (!env.store.fields.get(id)) throw new NotFound('No such field.')
  env.store.fields.delete(id)
}
