import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { createMember, deleteMember, getMember, listMembers, setCategory, updateMember } from '../../domain/members.ts'
import { memberStatus } from '../../domain/status.ts'
import { deletePayment, getPayment, memberAccount, recordPayment } from '../../domain/payments.ts'
import { remindersSentTo } from '../../domain/reminders.ts'
import { parseOrThrow } from '../../domain/validate.ts'
import { adminOnly, envFor, idParam, json } from '../context.ts'
import { bulkCategory, listQuery } from './schema.ts'
import { presentMember } from './present.ts'

/** Members CRUD, their payments and sent reminders (admins). */
export function mountMembers(router: Router, services: AppServices): void {
  router.get('/members', adminOnly, (req, res) => {
    const q = parseOrThrow(listQuery, req.query, 'query')
    const page = listMembers(envFor(req, services), {
      q: q.q || undefined, categoryId: q.category, status: q.status, pending: q.pending, ids: q.ids, includeHidden: q.hidden, sort: q.sort, order: q.order,
      offset: (q.page - 1) * q.perPage, limit: q.perPage,
    })
    res.json({ total: page.total, page: q.page, perPage: q.perPage, members: page.items.map((i) => presentMember(i.member, i)) })
  })
  router.post('/members', adminOnly, json, (req, res) => {
    const env = envFor(req, services)
    const m = createMember(env, req.body)
    res.status(201).json(presentMember(m, memberStatus(env, m.id)))
  })
  router.post('/members/bulk/category', adminOnly, json, (req, res) => {
    const b = parseOrThrow(bulkCategory, req.body, 'request')
    res.json({ updated: setCategory(envFor(req, services), b.ids, b.categoryId) })
  })
  router.get('/members/:id', adminOnly, (req, res) => {
    const env = envFor(req, services)
    const m = getMember(env, idParam(req))
    res.json({ ...presentMember(m, memberStatus(env, m.id)), ...memberAccount(env, m.id) })
  })
  router.patch('/members/:id', adminOnly, json, (req, res) => {
    const env = envFor(req, services)
    const m = updateMember(env, idParam(req), req.body)
    res.json(presentMember(m, memberStatus(env, m.id)))
  })
  router.delete('/members/:id', adminOnly, (req, res) => {
    deleteMember(envFor(req, services), idParam(req))
    res.status(204).end()
  })
  router.post('/members/:id/payments', adminOnly, json, (req, res) => {
    res.status(201).json(recordPayment(envFor(req, services), idParam(req), req.body))
  })
  router.get('/members/:id/payments/:paymentId', adminOnly, (req, res) => {
    res.json(getPayment(envFor(req, services), idParam(req), idParam(req, 'paymentId')))
  })
  router.delete('/members/:id/payments/:paymentId', adminOnly, (req, res) => {
    deletePayment(envFor(req, services), idParam(req), idParam(req, 'paymentId'))
    res.status(204).end()
  })
  router.get('/members/:id/reminders', adminOnly, (req, res) => {
    res.json({ reminders: remindersSentTo(envFor(req, services), idParam(req)) })
  })
}
