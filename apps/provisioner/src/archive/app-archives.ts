import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AppArchive } from '@maison/app-contract'
import { loadApps } from '../../../workspace/src/apps/catalog.ts'

export interface NamedArchive {
  id: string
  archive: AppArchive
}

/** The app archive hooks of the installed apps. */
export type AppArchiveSource = () => Promise<readonly NamedArchive[]>

const APPS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** Reads the installed apps once (they are ES modules: importing again returns the same definitions). */
export function installedAppArchives(appsDir = APPS_DIR): AppArchiveSource {
  let found: Promise<readonly NamedArchive[]> | null = null
  return () => {
    found ??= loadApps(appsDir).then((apps) => apps.flatMap((a) => (a.archive ? [{ id: a.id, archive: a.archive }] : [])))
    return found
  }
}

/** Archive folder of an app's data. */
export const appDir = (id: string): string => `apps/${id}`
