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

/** A member card (credit-card size) with a QR code to the public verify page. */
export async function cardPdf(input: { association: string; member: Member; category: string | null; validUntil: string | null; verifyUrl: string; lang: 'fr' | 'en' }): Promise<Buffer> {
  const { association, member: m, lang } = input
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' })
  // 85.6 × 54 mm in points.
  const doc = new PDFDocument({ size: [242.6, 153], margin: 12, info: { Title: `${association} – ${m.number}` } })
  doc.fontSize(11).text(association, 12, 12, { width: 140 })
  doc.fontSize(13).text(`${m.firstName} ${m.lastName}`, 12, 50, { width: 140 })
  doc.fontSize(9).text(`${lang === 'fr' ? 'N°' : 'No.'} ${m.number}`, 12, 80)
  if (input.category) doc.text(input.category, 12, 94, { width: 140 })
  const until = input.validUntil ? formatDate(input.validUntil, lang) : lang === 'fr' ? 'sans limite' : 'no end date'
  doc.text(`${lang === 'fr' ? 'Valide jusqu’au' : 'Valid until'} ${until}`, 12, 120, { width: 140 })
  doc.image(qr, 160, 40, { width: 72 })
  return toBuffer(doc)
}
