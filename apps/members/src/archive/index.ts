import type { AppArchive, ArchiveEntry, SpaceContext } from '@maison/app-contract'
import { ValidationError } from '@maison/errors'
import { exportCsv, exportVcards } from '../domain/export.ts'
import type { MembersEnv } from '../domain/repositories.ts'
import { sqliteMembersStore } from '../storage/store.ts'
import { SqliteMembersTablesRepository, type TableRows } from './table-dump.ts'

/** Bump when tables.json changes shape; import refuses versions it does not know. */
export const MEMBERS_ARCHIVE_VERSION = 1
const TABLES = 'tables.json'

function envOf(space: SpaceContext): MembersEnv {
  // Status columns of the CSV are computed for today; the time zone only shifts "today" by hours.
  return { store: sqliteMembersStore(space.db), clock: () => new Date(), defaults: { associationName: space.name, timeZone: 'Europe/Paris' } }
}

const ALL = { includeHidden: true, sort: 'number', order: 'asc' } as const

/**
 * The members app's part of a space export: `members.csv` and `members.vcf` for people and spreadsheets,
 * `tables.json` (every members table, ids kept) for the import.
 */
export const membersArchive: AppArchive = {
  async export(space): Promise<ArchiveEntry[]> {
    const env = envOf(space)
    const tables = new SqliteMembersTablesRepository(space.db).dump()
    return [
      { path: 'members.csv', content: Buffer.from(exportCsv(env, ALL)) },
      { path: 'members.vcf', content: Buffer.from(exportVcards(env, ALL, `maison-${space.slug}`)) },
      { path: TABLES, content: Buffer.from(JSON.stringify({ version: MEMBERS_ARCHIVE_VERSION, tables })) },
    ]
  },
  async import(space, entries): Promise<void> {
    const entry = entries.find((e) => e.path === TABLES)
    if (!entry) return
    let parsed: { version?: unknown; tables?: unknown }
    try {
      parsed = JSON.parse(entry.content.toString('utf8')) as typeof parsed
    } catch {
      throw new ValidationError('apps/members/tables.json is not valid JSON.', { errors: [{ path: 'entries/apps/members/tables.json', message: 'not JSON' }] })
    }
    if (parsed.version !== MEMBERS_ARCHIVE_VERSION || !parsed.tables || typeof parsed.tables !== 'object') {
      throw new ValidationError(`apps/members/tables.json must have version ${MEMBERS_ARCHIVE_VERSION} and tables.`, { errors: [{ path: 'entries/apps/members/tables.json', message: 'unknown version or no tables' }] })
    }
    new SqliteMembersTablesRepository(space.db).restore(parsed.tables as TableRows)
  },
}
