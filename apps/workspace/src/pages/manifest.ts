import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { NotFound, Unavailable } from '@maison/errors'

/** One chunk of Vite's build manifest (dist/ui/.vite/manifest.json). */
export interface ManifestChunk {
  file: string
  name?: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

export type Manifest = Record<string, ManifestChunk>

/** The tags one entry needs: its script, the chunks it imports statically, and every stylesheet of those. */
export interface EntryAssets {
  script: string
  preloads: string[]
  styles: string[]
}

export const ASSET_BASE = '/assets/'
const DEFAULT_MANIFEST = fileURLToPath(new URL('../../../../dist/ui/.vite/manifest.json', import.meta.url))

const cache = new Map<string, Manifest>()

/**
 * Reads a Vite manifest once per path; later calls are served from memory.
 * @throws Unavailable when the UI has not been built.
 */
export function loadManifest(path: string = DEFAULT_MANIFEST): Manifest {
  let manifest = cache.get(path)
  if (!manifest) {
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest
    } catch (err) {
      throw new Unavailable('The web interface is not built yet: run `npm run build:ui`.', { cause: err })
    }
    cache.set(path, manifest)
  }
  return manifest
}

/**
 * Resolves the script, preloads and stylesheets of the entry named `entry` (the app folder name).
 * @throws NotFound when the manifest has no such entry.
 */
export function entryAssets(manifest: Manifest, entry: string, base = ASSET_BASE): EntryAssets {
  const key = Object.keys(manifest).find((k) => manifest[k]!.isEntry && manifest[k]!.name === entry)
  if (!key) throw new NotFound(`The web interface has no entry named "${entry}".`)
  const preloads: string[] = []
  const styles: string[] = []
  const seen = new Set<string>()
  const visit = (k: string, isRoot: boolean): void => {
    if (seen.has(k)) return
    seen.add(k)
    const chunk = manifest[k]
    if (!chunk) return
    if (!isRoot) preloads.push(base + chunk.file)
    for (const css of chunk.css ?? []) styles.push(base + css)
    for (const imp of chunk.imports ?? []) visit(imp, false)
  }
  visit(key, true)
  return { script: base + manifest[key]!.file, preloads, styles: [...new Set(styles)] }
}
