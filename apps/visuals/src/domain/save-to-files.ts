import { ValidationError } from '@maison/errors'
import type { RenderedFile } from './render-visual.ts'

/** The folder of a person's files where visuals are saved (`Visuals/`), reached over WebDAV. */
export interface VisualsFolder {
  /** The folder's path in the person's files, e.g. `/Visuals`. */
  readonly path: string
  /** Creates the folder when it is missing. */
  ensure(): Promise<void>
  exists(name: string): Promise<boolean>
  /** Writes a new file; never called for a name that exists. */
  write(name: string, bytes: Buffer, mime: string): Promise<void>
}

/** Where a saved visual landed in the person's files. */
export interface SavedVisual {
  path: string
  name: string
  size: number
  mime: string
}

// Copies beyond this many are almost certainly a loop, not a person saving the same poster again.
const MAX_COPIES = 100

/**
 * Saves a rendered file in the Visuals folder, named `name` (or the render's own name); an existing
 * file is never overwritten: the copy becomes "name (2).png".
 * @throws ValidationError for a name that cannot be a file name
 */
export async function saveToFiles(folder: VisualsFolder, file: RenderedFile, name?: string): Promise<SavedVisual> {
  const ext = file.filename.slice(file.filename.lastIndexOf('.'))
  const stem = cleanStem(name ?? file.filename.slice(0, -ext.length), ext)
  await folder.ensure()
  for (let n = 1; n <= MAX_COPIES; n++) {
    const candidate = n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`
    if (await folder.exists(candidate)) continue
    await folder.write(candidate, file.bytes, file.mime)
    return { path: `${folder.path}/${candidate}`, name: candidate, size: file.bytes.length, mime: file.mime }
  }
  throw new ValidationError(`There are already ${MAX_COPIES} files named "${stem}" in ${folder.path}; choose another name.`, { errors: [{ path: 'name', message: 'too many files with this name' }] })
}

function cleanStem(raw: string, ext: string): string {
  const stem = raw.trim().replace(new RegExp(`\\${ext}$`, 'i'), '').trim()
  if (!stem || stem === '.' || stem === '..' || /[/\\\u0000-\u001f]/.test(stem) || [...stem].length > 120) {
    throw new ValidationError('The file name is not valid: 1 to 120 characters, without / or \\.', { errors: [{ path: 'name', message: 'expected a file name without / or \\' }] })
  }
  return stem
}
