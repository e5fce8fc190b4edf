import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { createActivity, deleteActivity, getActivity, listActivities, updateActivity } from '../../domain/activities.ts'
import { createRule, deleteRule, listRules, updateRule } from '../../domain/reminders.ts'
import { adminOnly, envFor, idParam, json } from '../context.ts'

/** Activities with their fees, and their reminder rules. */
export function mountActivities(router: Router, services: AppServices): void {
  router.get('/activities', adminOnly, (req, res) => void res.json({ activities: listActivities(envFor(req, services)) }))
  router.post('/activities', adminOnly, json, (req, res) => void res.status(201).json(createActivity(envFor(req, services), req.body)))
  router.get('/activities/:id', adminOnly, (req, res) => void res.json(getActivity(envFor(req, services), idParam(req))))
  router.patch('/activities/:id', adminOnly, json, (req, res) => void res.json(updateActivity(envFor(req, services), idParam(req), req.body)))
  router.delete('/activities/:id', adminOnly, (req, res) => {
    deleteActivity(envFor(req, services), idParam(req))
    res.status(204).end()
  })

  router.get('/activities/:id/reminder-rules', adminOnly, (req, res) => void res.json({ rules: listRules(envFor(req, services), idParam(req)) }))
  router.post('/activities/:id/reminder-rules', adminOnly, json, (req, res) =>
    void res.status(201).json(createRule(envFor(req, services), idParam(req), req.body)),
  )
  router.patch('/reminder-rules/:id', adminOnly, json, (req, res) => void res.json(updateRule(envFor(req, services), idParam(req), req.body)))
  router.delete('/reminder-rules/:id', adminOnly, (req, res) => {
    deleteRule(envFor(req, services), idParam(req))
    res.status(204).end()
  })
}
