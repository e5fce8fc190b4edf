import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { formatAmount, formatDate } from '../domain/dates.ts'
import type { Member, Payment } from '../domain/types.ts'

const METHODS = {
  fr: { cash: 'espèces', cheque: 'chèque', transfer: 'virement', card: 'carte', online: 'paiement en ligne' },
  en: { cash: 'cash', cheque: 'cheque', transfer: 'bank transfer', card: 'card', online: 'online payment' },
}

function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}

/** A payment receipt with the association's name. */
export function receiptPdf(input: { association: string; member: Member; payment: Payment; activityName: string; lang: 'fr' | 'en' }): Promise<Buffer> {
  const { association, member: m, payment: p, activityName, lang } = input
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${lang === 'fr' ? 'Reçu' : 'Receipt'} ${p.receiptNumber}` } })
  doc.fontSize(20).text(association)
  doc.moveDown().fontSize(16).text(lang === 'fr' ? `Reçu n° ${p.receiptNumber}` : `Receipt no. ${p.receiptNumber}`)
  doc.moveDown().fontSize(11)
  const lines = lang === 'fr'
    ? [`Reçu de : ${m.firstName} ${m.lastName} (membre n° ${m.number})`, `Montant : ${formatAmount(p.amountCents, 'fr')}`, `Date : ${formatDate(p.paidOn, 'fr')}`,
      `Moyen de paiement : ${METHODS.fr[p.method]}${p.reference ? ` (réf. ${p.reference})` : ''}`, `Objet : ${activityName}`]
    : [`Received from: ${m.firstName} ${m.lastName} (member no. ${m.number})`, `Amount: ${formatAmount(p.amountCents, 'en')}`, `Date: ${formatDate(p.paidOn, 'en')}`,
      `Method: ${METHODS.en[p.method]}${p.reference ? ` (ref. ${p.reference})` : ''}`, `For: ${activityName}`]
  for (const l of lines) doc.text(l)
  return toBuffer(doc)
}

export interface CardInput { association: string; member: Member; category: string | null; validUntil: string | null; verifyUrl: string; lang: 'fr' | 'en' }

// 85.6 × 54 mm (ID-1) in points.
const CARD_W = 242.6
const CARD_H = 153

const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' })

function drawCard(doc: PDFKit.PDFDocument, x: number, y: number, input: CardInput, qr: Buffer): void {
  const { association, member: m, lang } = input
  doc.fontSize(11).text(association, x + 12, y + 12, { width: 140 })
  doc.fontSize(13).text(`${m.firstName} ${m.lastName}`, x + 12, y + 50, { width: 140 })
  doc.fontSize(9).text(`${lang === 'fr' ? 'N°' : 'No.'} ${m.number}`, x + 12, y + 80)
  if (input.category) doc.text(input.category, x + 12, y + 94, { width: 140 })
  const until = input.validUntil ? formatDate(input.validUntil, lang) : lang === 'fr' ? 'sans limite' : 'no end date'
  doc.text(`${lang === 'fr' ? 'Valide jusqu’au' : 'Valid until'} ${until}`, x + 12, y + 120, { width: 140 })
  doc.image(qr, x + 160, y + 40, { width: 72 })
}

/** A member card (credit-card size) with a QR code to the public verify page. */
export async function cardPdf(input: CardInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: [CARD_W, CARD_H], margin: 12, info: { Title: `${input.association} – ${input.member.number}` } })
  drawCard(doc, 0, 0, input, await qrPng(input.verifyUrl))
  return toBuffer(doc)
}

/** A printable A4 sheet of cards, 2 × 5 per page with cutting outlines. */
export async function cardSheetPdf(cards: CardInput[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title } })
  const [cols, rows] = [2, 5]
  const left = (595.28 - cols * CARD_W) / 2
  const top = (841.89 - rows * CARD_H) / 2
  for (let i = 0; i < cards.length; i++) {
    if (i % (cols * rows) === 0) doc.addPage()
    const slot = i % (cols * rows)
    const x = left + (slot % cols) * CARD_W
    const y = top + Math.floor(slot / cols) * CARD_H
    doc.save().lineWidth(0.3).strokeColor('#999999').rect(x, y, CARD_W, CARD_H).stroke().restore()
    drawCard(doc, x, y, cards[i]!, await qrPng(cards[i]!.verifyUrl))
  }
  return toBuffer(doc)
}
