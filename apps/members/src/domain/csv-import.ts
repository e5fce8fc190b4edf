import { AppError, BadRequest, type FieldError } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { createMember, updateMember } from './members.ts'
import { decode, detectDelimiter, parseCsv, type Encoding } from './csv-decode.ts'
import { isPlausibleDate } from './dates.ts'
import type { CustomField } from './types.ts'

export const IMPORT_TARGETS = [
  'number', 'firstName', 'lastName', 'email', 'phone', 'street', 'postcode', 'city', 'country', 'birthDate', 'joinedOn',
  'category', 'notes', 'consentNewsletter', 'consentPhotos', 'language',
] as const

const ALIASES: Record<(typeof IMPORT_TARGETS)[number], string[]> = {
  number: ['number', 'numero', 'n°', 'no', 'member number', 'numero de membre', 'numero adherent'],
  firstName: ['first name', 'firstname', 'prenom', 'given name'],
  lastName: ['last name', 'lastname', 'nom', 'nom de famille', 'surname', 'family name'],
  email: ['email', 'e-mail', 'courriel', 'mail', 'adresse e-mail'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'portable'],
  street: ['street', 'address', 'adresse', 'rue'],
  postcode: ['postcode', 'zip', 'code postal', 'cp', 'postal code'],
  city: ['city', 'ville', 'commune', 'town'],
  country: ['country', 'pays'],
  birthDate: ['birth date', 'birthdate', 'date de naissance', 'naissance'],
  joinedOn: ['joined on', 'joined', 'date d adhesion', 'adhesion', 'inscription', 'date d inscription'],
  category: ['category', 'categorie', 'type'],
  notes: ['notes', 'note', 'remarques', 'commentaire'],
  consentNewsletter: ['newsletter', 'consent newsletter'],
  consentPhotos: ['photos', 'droit a l image', 'consent photos'],
  language: ['language', 'langue'],
}

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’_.]/g, ' ').replace(/\s+/g, ' ').trim()

/** A mapping guessed from the header: column name → target (`custom.{key}` for custom fields). */
export function guessMapping(header: string[], fields: CustomField[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const col of header) {
    const n = norm(col)
    const target = IMPORT_TARGETS.find((t) => ALIASES[t].includes(n) || norm(t) === n)
    const field = fields.find((f) => norm(f.key) === n || norm(f.label) === n)
    if (target && !Object.values(out).includes(target)) out[col] = target
    else if (field) out[col] = `custom.${field.key}`
  }
  return out
}

const yes = (v: string) => /^(1|y|yes|o|oui|true|vrai|x)$/i.test(v)
/** Dates as spreadsheets write them: YYYY-MM-DD or DD/MM/YYYY. Anything else is left for the validator to refuse. */
function date(v: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v)
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v
}

function rowInput(env: MembersEnv, cells: Record<string, string>, fields: CustomField[]): { input: Record<string, unknown>; errors: FieldError[] } {
  const i: Record<string, any> = {}
  const errors: FieldError[] = []
  const custom: Record<string, unknown> = {}
  for (const [target, v] of Object.entries(cells)) {
    if (v === '') continue
    if (target.startsWith('custom.')) {
      const f = fields.find((x) => `custom.${x.key}` === target)
      if (!f) continue
      custom[f.key] = f.type === 'number' ? Number(v.replace(',', '.')) : f.type === 'checkbox' ? yes(v) : f.type === 'multiple_choice' ? v.split(/\s*[|,]\s*/) : f.type === 'date' ? date(v) : v
    } else if (['street', 'postcode', 'city', 'country'].includes(target)) (i.address ??= {})[target] = v
    else if (target === 'consentNewsletter' || target === 'consentPhotos') (i.consent ??= {})[target === 'consentNewsletter' ? 'newsletter' : 'photos'] = yes(v)
    else if (target === 'birthDate' || target === 'joinedOn') i[target] = date(v)
    else if (target === 'language') i.language = v.toLowerCase().slice(0, 2)
    else if (target === 'category') {
      const c = env.store.categories.getByName(v)
      if (c) i.categoryId = c.id
      else errors.push({ path: 'category', message: `no category named "${v}"` })
    } else i[target] = v
  }
  if (Object.keys(custom).length) i.custom = custom
  return { input: i, errors }
}

export interface ImportOptions {
  mapping?: Record<string, string>
  mode: 'create' | 'update' | 'both'
  skipBadLines: boolean
  /** Preview: everything is checked and reported, nothing is kept. */
  dryRun: boolean
}

export interface ImportReport {
  encoding: Encoding
  delimiter: string
  columns: string[]
  mapping: Record<string, string>
  lines: number
  created: number
  updated: number
  errors: { line: number; errors: FieldError[] }[]
  /** True when the changes were kept. */
  written: boolean
  preview: Record<string, string>[]
}

class Rollback extends Error {}

/**
 * The env of one import: settings, categories and field definitions read once instead of once per line
 * (the import runs in one transaction, so they cannot change under it).
 */
function withCachedCatalog(env: MembersEnv): MembersEnv {
  const settings = new Map<string, string | null>()
  const fields = env.store.fields.list()
  const categories = new Map(env.store.categories.list().map((c) => [c.id, c]))
  return {
    ...env,
    store: {
      ...env.store,
      settings: {
        get: (k) => (settings.has(k) ? settings.get(k)! : (settings.set(k, env.store.settings.get(k)), settings.get(k)!)),
        set: (k, v) => env.store.settings.set(k, v),
      },
      fields: { ...env.store.fields, list: () => fields, get: (id) => env.store.fields.get(id), insert: (f) => env.store.fields.insert(f), update: (id, f) => env.store.fields.update(id, f), delete: (id) => env.store.fields.delete(id) },
      categories: Object.assign(Object.create(env.store.categories), { get: (id: number) => categories.get(id) ?? null }),
    },
  }
}

function importLine(env: MembersEnv, mode: ImportOptions['mode'], input: Record<string, unknown>): 'created' | 'updated' {
  const number = typeof input.number === 'string' ? input.number : undefined
  const existing = number ? env.store.members.getByNumber(number) : null
  if (mode === 'update' && !number) throw new AppError('', { errors: [{ path: 'number', message: 'needed to update a member' }] })
  if (mode === 'update' && !existing) throw new AppError('', { errors: [{ path: 'number', message: `no member has number ${number}` }] })
  if (mode === 'create' && existing) throw new AppError('', { errors: [{ path: 'number', message: `number ${number} is already used` }] })
  if (existing) {
    updateMember(env, existing.id, input)
    return 'updated'
  }
  createMember(env, input)
  return 'created'
}

/**
 * Imports members from a CSV file, all or nothing: with any bad line nothing is written unless
 * `skipBadLines`; each bad line is reported with its line number and fields. @throws BadRequest
 */
export function importCsv(base: MembersEnv, bytes: Uint8Array, opts: ImportOptions): ImportReport {
  const env = withCachedCatalog(base)
  const { text, encoding } = decode(bytes)
  const delimiter = detectDelimiter(text)
  const { header, rows } = parseCsv(text, delimiter)
  const fields = env.store.fields.list()
  const mapping = opts.mapping ?? guessMapping(header, fields)
  const valid = new Set<string>([...IMPORT_TARGETS, ...fields.map((f) => `custom.${f.key}`)])
  for (const [col, target] of Object.entries(mapping)) {
    if (!header.includes(col)) throw new BadRequest(`The mapping names a column the file does not have: "${col}".`)
    if (!valid.has(target)) throw new BadRequest(`Unknown target "${target}" for column "${col}".`)
  }
  if (!Object.values(mapping).includes('lastName') && opts.mode !== 'update') throw new BadRequest('Map a column to lastName (and firstName) to create members.')
  const report: ImportReport = { encoding, delimiter, columns: header, mapping, lines: rows.length, created: 0, updated: 0, errors: [], written: false, preview: [] }
  try {
    env.store.transaction(() => {
      for (const row of rows) {
        const cells: Record<string, string> = {}
        header.forEach((col, idx) => {
          const target = mapping[col]
          if (target) cells[target] = row.cells[idx] ?? ''
        })
        if (report.preview.length < 10) report.preview.push(cells)
        const { input, errors } = rowInput(env, cells, fields)
        if (errors.length) {
          report.errors.push({ line: row.line, errors })
          continue
        }
        try {
          report[importLine(env, opts.mode, input)]++
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          report.errors.push({ line: row.line, errors: err.errors ?? [{ path: '(line)', message: err.message }] })
        }
      }
      if (opts.dryRun || (report.errors.length && !opts.skipBadLines)) throw new Rollback()
    })
    report.written = true
  } catch (err) {
    if (!(err instanceof Rollback)) throw err
  }
  return report
}
