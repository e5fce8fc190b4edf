import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import QRCode from 'qrcode'
import { formatDate } from '../domain/dates.ts'
import type { CardInput } from './pdf.ts'

const require = createRequire(import.meta.url)
// Shipped fonts, not the system's: the card must look the same on every server.
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/inter/package.json'))
const FONTS = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((f) => path.join(FONT_DIR, f)).filter((f) => fs.existsSync(f))

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The card as SVG, 856 × 540 units (ID-1 at 10 units per mm). */
async function cardSvg(input: CardInput): Promise<string> {
  const { association, member: m, lang } = input
  const qr = await QRCode.toDataURL(input.verifyUrl, { margin: 1, width: 300, errorCorrectionLevel: 'M' })
  const until = input.validUntil ? formatDate(input.validUntil, lang) : lang === 'fr' ? 'sans limite' : 'no end date'
  const text = (y: number, size: number, s: string, weight = 400) =>
    `<text x="40" y="${y}" font-family="Inter" font-size="${size}" font-weight="${weight}" fill="#1a1a1a">${esc(s)}</text>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540" viewBox="0 0 856 540">
<rect x="0" y="0" width="856" height="540" rx="28" fill="#ffffff" stroke="#cccccc" stroke-width="2"/>
${text(80, 38, association, 700)}
${text(230, 46, `${m.firstName} ${m.lastName}`, 700)}
${text(300, 30, `${lang === 'fr' ? 'N°' : 'No.'} ${m.number}`)}
${input.category ? text(350, 30, input.category) : ''}
${text(470, 30, `${lang === 'fr' ? 'Valide jusqu’au' : 'Valid until'} ${until}`)}
<image x="536" y="160" width="280" height="280" href="${qr}"/>
</svg>`
}

/** A member card as PNG (1712 px wide, 508 dpi: sharp enough to print, small enough to mail). */
export async function cardPng(input: CardInput): Promise<Buffer> {
  const svg = await cardSvg(input)
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: 1712 }, font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'Inter' } })
  return Buffer.from(png.render().asPng())
}
