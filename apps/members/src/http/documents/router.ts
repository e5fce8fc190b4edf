import type { Request, Response, Router } from 'express'
import { z } from 'zod'
import type { AppServices } from '@maison/app-contract'
import { cardData, cardsData, receiptData } from '../../domain/documents.ts'
import { ownRecord } from '../../domain/self.ts'
import { parseOrThrow } from '../../domain/validate.ts'
import { cardPdf, cardSheetPdf, receiptPdf } from '../../documents/pdf.ts'
import { seasonText } from '../../documents/card-fields.ts'
import { memberCardPng, visualsFor } from '../../documents/member-card.ts'
import { adminOnly, envFor, idParam } from '../context.ts'

const lang = (req: Request): 'fr' | 'en' => (req.principal?.language === 'en' || req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr')
const send = (res: Response, type: string, name: string, bytes: Buffer) =>
  void res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' }).send(bytes)
const pdf = (res: Response, name: string, bytes: Buffer) => send(res, 'application/pdf', name, bytes)
const png = (res: Response, name: string, bytes: Buffer) => send(res, 'image/png', name, bytes)

// A sheet holds 10 cards; 50 pages is already more than an office printer likes.
const sheetQuery = z.object({
  ids: z.string().regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,499}$/, 'expected up to 500 member ids separated by commas').transform((v) => v.split(',').map(Number)),
})

/**
 * Receipts and member cards (PDF, PNG, A4 sheets), for admins and for the member themself. The PNG card comes
 * from the visuals app when the space has it; PDFs stay built-in (see documents/member-card.ts).
 */
export function mountDocuments(router: Router, services: AppServices): void {
  const cardAsPng = (req: Request, d: ReturnType<typeof cardData>) => {
    const l = lang(req)
    const season = seasonText(envFor(req, services), d.member.id, l)
    const rendering = { visuals: visualsFor(services, req.space!, req.principal!.username), logger: services.logger }
    return memberCardPng({ ...d, lang: l, season }, rendering)
  }
  const own = (req: Request) => {
    const env = envFor(req, services)
    return cardData(env, ownRecord(env, req.principal!.username).id, req.space!.baseUrl)
  }
  router.get('/members/:id/payments/:paymentId/receipt.pdf', adminOnly, async (req, res) => {
    const d = receiptData(envFor(req, services), idParam(req), idParam(req, 'paymentId'))
    pdf(res, `receipt-${d.payment.receiptNumber}.pdf`, await receiptPdf({ ...d, lang: lang(req) }))
  })
  router.get('/members/:id/card.pdf', adminOnly, async (req, res) => {
    const d = cardData(envFor(req, services), idParam(req), req.space!.baseUrl)
    pdf(res, `card-${d.member.number}.pdf`, await cardPdf({ ...d, lang: lang(req) }))
  })
  router.get('/members/:id/card.png', adminOnly, async (req, res) => {
    const d = cardData(envFor(req, services), idParam(req), req.space!.baseUrl)
    png(res, `card-${d.member.number}.png`, await cardAsPng(req, d))
  })
  router.get('/cards.pdf', adminOnly, async (req, res) => {
    const q = parseOrThrow(sheetQuery, req.query, 'query')
    const cards = cardsData(envFor(req, services), q.ids, req.space!.baseUrl).map((d) => ({ ...d, lang: lang(req) }))
    pdf(res, 'cards.pdf', await cardSheetPdf(cards, lang(req) === 'fr' ? 'Cartes de membre' : 'Member cards'))
  })
  router.get('/me/card.pdf', async (req, res) => {
    const d = own(req)
    pdf(res, `card-${d.member.number}.pdf`, await cardPdf({ ...d, lang: lang(req) }))
  })
  router.get('/me/card.png', async (req, res) => {
    const d = own(req)
    png(res, `card-${d.member.number}.png`, await cardAsPng(req, d))
  })
  router.get('/me/payments/:paymentId/receipt.pdf', async (req, res) => {
    const env = envFor(req, services)
    const d = receiptData(env, ownRecord(env, req.principal!.username).id, idParam(req, 'paymentId'))
    pdf(res, `receipt-${d.payment.receiptNumber}.pdf`, await receiptPdf({ ...d, lang: lang(req) }))
  })
}
