import type { Config } from '@maison/config'
import { migrate } from '@maison/db'
import { provisionerMigrations } from '../../migrations/index.ts'
import { SqliteImportMarks } from '../storage/sqlite-imports.ts'
import { checkSlug } from '../domain/slug-check.ts'
import type { SpaceHostParts } from '../../../workspace/src/spaces/boot.ts'
import { installedAppArchives } from './app-archives.ts'
import { HostSpaceStore } from './host-spaces.ts'
import { importSpace, type ImportResult } from './importer.ts'

/**
 * `npm run maison -- space import <slug> <archive.tar.gz>`: imports without the server, Redis or mail;
 * every account gets a generated password, returned for the operator to hand over.
 * @throws Conflict, ValidationError as the API's import does
 */
export async function importArchiveFromCli(parts: SpaceHostParts, config: Config, slug: string, file: string, clock: () => Date = () => new Date()): Promise<ImportResult> {
  // The import marks live in the provisioner's tables, which a host that never ran the server lacks.
  migrate(parts.platformDb, [provisionerMigrations], clock)
  const names = { isTaken: (s: string) => parts.registry.get(s) !== null, allTaken: () => parts.registry.list().map((s) => s.slug) }
  return importSpace({
    spaces: new HostSpaceStore({
      host: parts.host, registry: parts.registry, pool: parts.pool, platformDb: parts.platformDb, marks: new SqliteImportMarks(parts.platformDb), baseUrl: config.BASE_URL, clock,
    }),
    apps: await installedAppArchives()(),
    mail: null,
    activation: null,
    nameProblem: (s) => {
      const v = checkSlug(s, names)
      return v.available ? null : { reason: v.reason, message: v.message }
    },
    baseUrl: config.BASE_URL,
    clock,
  }, slug, file)
}

/** What the command prints: where the space is, and each account's password. */
export function describeImport(r: ImportResult, baseUrl: string): string[] {
  return [
    `space ${r.slug} imported from ${r.sourceSlug} at ${baseUrl}/s/${r.slug}/ — ${r.files} files, ${r.calendars} calendars, apps: ${r.apps.join(', ') || 'none'}`,
    ...r.accounts.map((a) => `  ${a.username}\t${a.role}\t${a.email ?? ''}\t${a.password ? `password ${a.password}` : 'activation e-mail sent'}`),
  ]
}
