/** An SVG whose embedded images were taken out, and the bytes each placeholder stands for. */
export interface LiftedImages {
  svg: string
  /** What svg-to-pdfkit's `imageCallback` should give pdfkit for an `<image>` link. */
  resolve(link: string): Uint8Array
}

/** What a lifted image's `href` becomes, followed by its index in this document. */
export const PLACEHOLDER = 'maison-pdf-image:'
// Decoded images kept per process by data URL: a volunteer re-renders the same photo with other texts.
const MAX_BYTES = 16 * 1024 * 1024
const decoded = new Map<string, Buffer>()
let held = 0

/**
 * Replaces each base64 data URL in an `href` by a short placeholder, so that neither svg-to-pdfkit's XML
 * parser nor our own regular expressions walk a photo's half megabyte of base64, and pdfkit is handed the
 * image bytes, decoded once per process (pdfkit embeds JPEG bytes as they are, DCTDecode).
 * Links that are not embedded images resolve to no bytes, so pdfkit drops the image rather than reading a path.
 */
export function liftImages(svg: string): LiftedImages {
  const images: Buffer[] = []
  let out = ''
  let copied = 0
  let from = 0
  for (let at = svg.indexOf('href=', from); at !== -1; at = svg.indexOf('href=', from)) {
    const quote = svg[at + 5]
    const start = at + 6
    const end = quote === '"' || quote === "'" ? svg.indexOf(quote, start) : -1
    const bytes = end !== -1 && svg.startsWith('data:', start) ? decode(svg.slice(start, end)) : undefined
    from = end === -1 ? start : end
    if (!bytes) continue
    out += `${svg.slice(copied, start)}${PLACEHOLDER}${images.length}`
    images.push(bytes)
    copied = end
  }
  const lifted = images.length ? out + svg.slice(copied) : svg
  return {
    svg: lifted,
    resolve: (link) => (link.startsWith(PLACEHOLDER) ? images[Number(link.slice(PLACEHOLDER.length))] : undefined) ?? new Uint8Array(0),
  }
}

function decode(dataUrl: string): Buffer | undefined {
  let bytes = decoded.get(dataUrl)
  if (bytes) {
    decoded.delete(dataUrl)
    decoded.set(dataUrl, bytes)
    return bytes
  }
  const comma = dataUrl.indexOf(',')
  if (comma === -1 || !/;base64$/i.test(dataUrl.slice(0, comma))) return undefined
  bytes = Buffer.from(dataUrl.slice(comma + 1), 'base64')
  const cost = bytes.length + dataUrl.length
  if (cost > MAX_BYTES) return bytes
  while (held + cost > MAX_BYTES && decoded.size) {
    const [oldUrl, old] = decoded.entries().next().value!
    decoded.delete(oldUrl)
    held -= old.length + oldUrl.length
  }
  decoded.set(dataUrl, bytes)
  held += cost
  return bytes
}
