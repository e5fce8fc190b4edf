import { familyByName, pickFace } from '../domain/fonts.ts'

/**
 * svg-to-pdfkit only tells its font callback "bold or not", which cannot tell 700 from 800.
 * Our final SVG pins family, weight and style on every `<text>`, so we rewrite the family to the
 * exact face's PostScript name, which the callback then maps to one font file.
 */
export function pinPdfFaces(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) => {
    const family = /\sfont-family="([^"]*)"/.exec(tag)?.[1]
    if (!family) return tag
    const weight = Number(/\sfont-weight="(\d+)"/.exec(tag)?.[1] ?? 400)
    const italic = /\sfont-style="italic"/.test(tag)
    const face = pickFace(familyByName(family.split(',')[0]!), weight, italic)
    return tag.replace(/\sfont-family="[^"]*"/, ` font-family="${face.postscript}"`)
  })
}
