import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { selfView, updateSelf } from '../../domain/self.ts'
import { envFor, json } from '../context.ts'

/** Self-service: any account sees and edits the record linked to it, and nothing else. */
export function mountMe(router: Router, services: AppServices): void {
  router.get('/me', (req, res) => void res.json(selfView(envFor(req, services), req.principal!.username)))
  router.patch('/me', json, (req, res) => void res.json(updateSelf(envFor(req, services), req.principal!.username, req.body)))
}
