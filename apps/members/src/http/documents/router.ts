import type { Request, Response, Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { cardData, receiptData } from '../../domain/documents.ts'
import { ownRecord } from '../../domain/self.ts'
import { cardPdf, receiptPdf } from '../../documents/pdf.ts'
import { adminOnly, envFor, idParam } from '../context.ts'

const lang = (req: Request): 'fr' | 'en' => (req.principal?.language === 'en' || req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr')
const pdf = (res: Response, name: string, bytes: Buffer) =>
  void res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' }).send(bytes)

/** Receipts and member cards as PDF, for admins and for the member themself. */
export function mountDocuments(router: Router, services: AppServices): void {
  router.get('/members/:id/payments/:paymentId/receipt.pdf', adminOnly, async (req, res) => {
    const d = receiptData(envFor(req, services), idParam(req), idParam(req, 'paymentId'))
    pdf(res, `receipt-${d.payment.receiptNumber}.pdf`, await receiptPdf({ ...d, lang: lang(req) }))
  })
  router.get('/members/:id/card.pdf', adminOnly, async (req, res) => {
    const d = cardData(envFor(req, services), idParam(req), req.space!.baseUrl)
    pdf(res, `card-${d.member.number}.pdf`, await cardPdf({ ...d, lang: lang(req) }))
  })
  router.get('/me/card.pdf', async (req, res) => {
    const env = envFor(req, services)
    const d = cardData(env, ownRecord(env, req.principal!.username).id, req.space!.baseUrl)
    pdf(res, `card-${d.member.number}.pdf`, await cardPdf({ ...d, lang: lang(req) }))
  })
  router.get('/me/payments/:paymentId/receipt.pdf', async (req, res) => {
    const env = envFor(req, services)
    const d = receiptData(env, ownRecord(env, req.principal!.username).id, idParam(req, 'paymentId'))
    pdf(res, `receipt-${d.payment.receiptNumber}.pdf`, await receiptPdf({ ...d, lang: lang(req) }))
  })
}
