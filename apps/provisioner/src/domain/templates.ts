import { ValidationError } from '@maison/errors'
import type { AuditLog, Clock, RejectTemplate, RejectTemplateRepository, StaffMember } from './ports.ts'
import { authorize } from './staff.ts'

/**
 * Creates or edits a reject-reason template (both languages required).
 * @throws ValidationError naming the field; Forbidden unless admin.
 */
export function saveTemplate(
  d: { templates: RejectTemplateRepository; audit: AuditLog; clock: Clock },
  staff: StaffMember,
  input: { code: unknown; titleEn: unknown; titleFr: unknown; bodyEn: unknown; bodyFr: unknown },
): RejectTemplate {
  authorize(staff, 'administer')
  const errors: { path: string; message: string }[] = []
  const str = (path: string, v: unknown, max: number, re?: RegExp) => {
    const s = typeof v === 'string' ? v.trim() : ''
    if (!s || s.length > max || (re && !re.test(s))) errors.push({ path, message: re ? `${path} must be 2 to ${max} characters of a–z, 0–9 and _.` : `${path} must be 1 to ${max} characters.` })
    return s
  }
  const t: RejectTemplate = {
    code: str('code', input.code, 64, /^[a-z0-9_]{2,64}$/),
    title: { en: str('titleEn', input.titleEn, 120), fr: str('titleFr', input.titleFr, 120) },
    body: { en: str('bodyEn', input.bodyEn, 5000), fr: str('bodyFr', input.bodyFr, 5000) },
    updatedAt: d.clock().toISOString(),
  }
  if (errors.length) throw new ValidationError(`The template is not valid: ${errors.map((e) => e.message).join(' ')}`, { errors })
  d.templates.upsert(t)
  d.audit.record({ at: t.updatedAt, staffId: staff.id, actor: staff.username, action: 'template.saved', target: `template:${t.code}`, detail: {} })
  return t
}
