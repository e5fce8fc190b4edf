import { BadRequest } from '@maison/errors'

/**
 * Decodes a raw URL path (below the DAV mount) into segments.
 * @throws BadRequest for invalid percent-encoding or UTF-8, dot segments, encoded slashes or NUL.
 */
export function decodePath(raw: string): string[] {
  const segments: string[] = []
  for (const part of raw.split('/')) {
    if (part === '') continue
    let seg: string
    try {
      seg = decodeURIComponent(part)
    } catch {
      throw new BadRequest(`The path segment "${part}" is not valid percent-encoded UTF-8.`)
    }
    assertValidName(seg)
    segments.push(seg)
  }
  return segments
}

/**
 * Checks one file or folder name.
 * @throws BadRequest when the name could escape its folder or cannot be stored.
 */
export function assertValidName(name: string): void {
  if (name === '.' || name === '..') throw new BadRequest('Path segments "." and ".." are not allowed.')
  if (name.includes('/')) throw new BadRequest('Names may not contain "/" (encoded as %2F).')
  if (name.includes('\0')) throw new BadRequest('Names may not contain the NUL character.')
  if (Buffer.byteLength(name) > 255) throw new BadRequest('A name may be at most 255 bytes long.')
}

/** The key under which locks are stored for a path: "/seg/seg". */
export function pathKey(segments: readonly string[]): string {
  return '/' + segments.join('/')
}

/** True when `inner` equals `outer` or lies below it. */
export function isWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return outer.length <= inner.length && outer.every((s, i) => inner[i] === s)
}
