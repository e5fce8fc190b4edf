/** Joins a folder path and a name: joinPath('/', 'a') → '/a', joinPath('/a', 'b') → '/a/b'. */
export function joinPath(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${name}`
}

/** The folder holding `path` ('/' for top-level items). */
export function parentOf(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

/** Normalises a folder path from the URL: leading slash, no trailing slash, no empty, '.' or '..' segments. */
export function normalizeFolder(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : ''
  const parts = text.split('/').filter((p) => p !== '' && p !== '.' && p !== '..')
  return `/${parts.join('/')}`
}

/** Breadcrumb segments of a folder: [{ name, path }] from the root down. */
export function crumbs(folder: string): Array<{ name: string; path: string }> {
  const parts = folder.split('/').filter(Boolean)
  return parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))
}

/** Why a file or folder name is refused, or null when it is fine (the server checks again). */
export function nameProblem(name: string): 'empty' | 'slash' | 'dots' | 'too-long' | null {
  const trimmed = name.trim()
  if (trimmed === '') return 'empty'
  if (trimmed.includes('/') || trimmed.includes('\\')) return 'slash'
  if (trimmed === '.' || trimmed === '..') return 'dots'
  // 255 bytes is the file-name limit of the filesystems the files are stored on.
  if (new TextEncoder().encode(trimmed).length > 255) return 'too-long'
  return null
}

/** Whether `target` is `folder` itself or inside it (moving a folder there would be a loop). */
export function isInside(target: string, folder: string): boolean {
  return target === folder || target.startsWith(`${folder.replace(/\/+$/, '')}/`)
}
