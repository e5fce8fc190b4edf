import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { createView, deleteView, listViews, updateView } from '../../domain/views.ts'
import { getMessage, listMessages, requestMessage } from '../../domain/messages.ts'
import { messageStarter } from '../../jobs/messages.ts'
import { adminOnly, envFor, idParam, json } from '../context.ts'

/** Saved views of the member list, and messages to a selection (admins). */
export function mountViews(router: Router, services: AppServices): void {
  router.get('/views', adminOnly, (req, res) => void res.json({ views: listViews(envFor(req, services)) }))
  router.post('/views', adminOnly, json, (req, res) => void res.status(201).json(createView(envFor(req, services), req.body)))
  router.patch('/views/:id', adminOnly, json, (req, res) => void res.json(updateView(envFor(req, services), idParam(req), req.body)))
  router.delete('/views/:id', adminOnly, (req, res) => {
    deleteView(envFor(req, services), idParam(req))
    res.status(204).end()
  })

  router.get('/messages', adminOnly, (req, res) => void res.json({ messages: listMessages(envFor(req, services)) }))
  router.get('/messages/:id', adminOnly, (req, res) => void res.json(getMessage(envFor(req, services), idParam(req))))
  router.post('/members/bulk/message', adminOnly, json, async (req, res) => {
    res.status(202).json(await requestMessage(envFor(req, services), req.body, messageStarter(services, req.space!.slug)))
  })
}
