import type { SpaceContext } from '@maison/app-contract'
import { ASSOCIATION_OWNER } from '../../../workspace/src/files/index.ts'
import { ACCOUNTS_PATH, exportAccounts } from './accounts-io.ts'
import { appDir, type NamedArchive } from './app-archives.ts'
import { exportCalendars } from './calendars-io.ts'
import { exportFiles } from './files-io.ts'
import { pathProblem } from './format.ts'
import { exportSpaceFile, LOGO_PATH, SPACE_PATH } from './space-io.ts'
import type { ArchiveSink } from './tar-writer.ts'

export type ExportStep = 'space' | 'accounts' | 'calendars' | 'apps' | 'files'

/**
 * Writes one space into an archive: small parts first (so a reader sees the space before 40 GB of files),
 * then every account's files and the association folder.
 */
export async function writeSpace(
  space: SpaceContext,
  sink: ArchiveSink,
  d: { apps: readonly NamedArchive[]; clock: () => Date; progress?: (step: ExportStep, files: number) => void },
): Promise<{ files: number; calendars: number }> {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 1))
  d.progress?.('space', 0)
  const { file, logo } = exportSpaceFile(space)
  await sink.addBuffer(SPACE_PATH, json(file))
  if (logo) await sink.addBuffer(LOGO_PATH, logo)
  d.progress?.('accounts', 0)
  const accounts = exportAccounts(space, d.clock)
  await sink.addBuffer(ACCOUNTS_PATH, json(accounts))
  const owners = [...accounts.accounts.map((a) => a.username), ASSOCIATION_OWNER]
  d.progress?.('calendars', 0)
  const calendars = await exportCalendars(space, owners, sink, d.clock)
  d.progress?.('apps', 0)
  for (const app of d.apps) {
    for (const entry of await app.archive.export(space)) {
      const problem = pathProblem(entry.path)
      if (problem) throw new Error(`app ${app.id} exported an unsafe path "${entry.path}": ${problem}`)
      await sink.addBuffer(`${appDir(app.id)}/${entry.path}`, entry.content)
    }
  }
  let files = 0
  d.progress?.('files', 0)
  await exportFiles(space, owners, sink, () => {
    files++
    if (files % 100 === 0) d.progress?.('files', files)
  })
  return { files, calendars }
}
