import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { anonymiseMember, memberDataExport } from '../../domain/gdpr.ts'
import { approveMember } from '../../domain/join.ts'
import { memberStatus } from '../../domain/status.ts'
import { adminOnly, envFor, idParam } from '../context.ts'
import { presentMember } from '../members/present.ts'

/** GDPR (one member's data, anonymisation) and the validation of join-form applications (admins). */
export function mountGdpr(router: Router, services: AppServices): void {
  router.get('/members/:id/data.json', adminOnly, (req, res) => {
    const data = memberDataExport(envFor(req, services), idParam(req))
    res.set({ 'Content-Disposition': `attachment; filename="member-${data.member.number}.json"`, 'Cache-Control': 'no-store' }).json(data)
  })
  router.post('/members/:id/anonymise', adminOnly, (req, res) => {
    const env = envFor(req, services)
    const m = anonymiseMember(env, idParam(req))
    res.json(presentMember(m, memberStatus(env, m.id)))
  })
  router.post('/members/:id/approve', adminOnly, (req, res) => {
    const env = envFor(req, services)
    const m = approveMember(env, idParam(req))
    res.json(presentMember(m, memberStatus(env, m.id)))
  })
}
