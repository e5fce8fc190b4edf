import { stringify } from 'csv-stringify/sync'
import type { MembersEnv } from './repositories.ts'
import { listMembers } from './members.ts'
import type { Member, MemberStatus } from './types.ts'

// OWASP "CSV injection": = + - @ tab CR, and | % which some spreadsheets (Excel DDE, LibreOffice) also run.
const FORMULA_START = /^[=+\-@\t\r|%]/

/** A cell a spreadsheet would run as a formula gets a leading quote. */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

type Filter = Parameters<typeof listMembers>[1]

function allMembers(env: MembersEnv, filter: Omit<Filter, 'offset' | 'limit'>): { member: Member; status: MemberStatus; expiresOn: string | null }[] {
  const out = []
  for (let offset = 0; ; offset += 1000) {
    const page = listMembers(env, { ...filter, offset, limit: 1000 })
    out.push(...page.items)
    if (page.items.length < 1000) return out
  }
}

/** Members as CSV (UTF-8 with BOM and `;`, as French spreadsheets open it), formulas neutralised. */
export function exportCsv(env: MembersEnv, filter: Omit<Filter, 'offset' | 'limit'>): string {
  const fields = env.store.fields.list()
  const cats = new Map(env.store.categories.list().map((c) => [c.id, c.name]))
  const header = ['number', 'firstName', 'lastName', 'email', 'phone', 'street', 'postcode', 'city', 'country', 'birthDate', 'joinedOn', 'category',
    'status', 'expiresOn', 'consentNewsletter', 'consentPhotos', 'language', 'notes', ...fields.map((f) => f.key)]
  const rows = allMembers(env, filter).map(({ member: m, status, expiresOn }) =>
    [m.number, m.firstName, m.lastName, m.email ?? '', m.phone ?? '', m.address.street ?? '', m.address.postcode ?? '', m.address.city ?? '',
      m.address.country ?? '', m.birthDate ?? '', m.joinedOn, m.categoryId ? (cats.get(m.categoryId) ?? '') : '', status, expiresOn ?? '',
      m.consent.newsletter ? 'yes' : 'no', m.consent.photos ? 'yes' : 'no', m.language, m.notes,
      ...fields.map((f) => { const v = m.custom[f.key]; return v === undefined ? '' : Array.isArray(v) ? v.join('|') : String(v) }),
    ].map(neutralise),
  )
  return '\ufeff' + stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n' })
}

const vesc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/[,;]/g, (c) => `\\${c}`)

/** One vCard 3.0 for a member (folded lines are left to clients: our lines stay short enough in practice). */
export function vcardOf(m: Member, category: string | null, uidPrefix: string): string {
  const a = m.address
  const lines = [
    'BEGIN:VCARD', 'VERSION:3.0', `UID:${uidPrefix}-${m.id}`,
    `FN:${vesc(`${m.firstName} ${m.lastName}`)}`, `N:${vesc(m.lastName)};${vesc(m.firstName)};;;`,
    ...(m.email ? [`EMAIL;TYPE=INTERNET:${vesc(m.email)}`] : []),
    ...(m.phone ? [`TEL;TYPE=CELL:${vesc(m.phone)}`] : []),
    ...(a.street || a.city || a.postcode || a.country ? [`ADR;TYPE=HOME:;;${vesc(a.street ?? '')};${vesc(a.city ?? '')};;${vesc(a.postcode ?? '')};${vesc(a.country ?? '')}`] : []),
    ...(category ? [`CATEGORIES:${vesc(category)}`] : []),
    `NOTE:${vesc(`No ${m.number}`)}`, `REV:${m.updatedAt}`, 'END:VCARD',
  ]
  return lines.join('\r\n') + '\r\n'
}

/** Members as one .vcf file. */
export function exportVcards(env: MembersEnv, filter: Omit<Filter, 'offset' | 'limit'>, uidPrefix: string): string {
  const cats = new Map(env.store.categories.list().map((c) => [c.id, c.name]))
  return allMembers(env, filter).map(({ member }) => vcardOf(member, member.categoryId ? (cats.get(member.categoryId) ?? null) : null, uidPrefix)).join('')
}
