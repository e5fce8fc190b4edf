import { BUDGET_ORDER } from './fields.ts'
import type { Application, ApplicationRepository } from './ports.ts'

/** The host's limits for a "small association"; above them staff look twice. */
export interface EligibilityThresholds {
  maxEmployees: number
  /** The largest budget band still considered small. */
  maxBudgetBand: (typeof BUDGET_ORDER)[number]
  /** Fewer members than this reads like a one-person project (0 to ignore). */
  minMembers: number
}


export interface Hint {
  code: 'employees_above' | 'budget_above' | 'few_members' | 'duplicate_email' | 'duplicate_organisation'
  message: string
  /** The figures in the message, for other languages. */
  params: Record<string, string | number>
}

/** Hints for the reviewer; they never decide by themselves. */
export function eligibilityHints(app: Application, apps: ApplicationRepository, t: EligibilityThresholds): Hint[] {
  const hints: Hint[] = []
  if (app.employees > t.maxEmployees) {
    hints.push({ code: 'employees_above', message: `${app.employees} employees, above the threshold of ${t.maxEmployees}.`, params: { employees: app.employees, max: t.maxEmployees } })
  }
  const band = BUDGET_ORDER.indexOf(app.budgetBand as (typeof BUDGET_ORDER)[number])
  if (band > BUDGET_ORDER.indexOf(t.maxBudgetBand)) {
    hints.push({ code: 'budget_above', message: `Budget band ${app.budgetBand}, above the threshold of ${t.maxBudgetBand}.`, params: { band: app.budgetBand, max: t.maxBudgetBand } })
  }
  if (app.members < t.minMembers) hints.push({ code: 'few_members', message: `Only ${app.members} member(s).`, params: { members: app.members } })
  const sameEmail = apps.countOthersWithEmail(app.contactEmail, app.id)
  if (sameEmail) hints.push({ code: 'duplicate_email', message: `${sameEmail} other application(s) with the e-mail ${app.contactEmail}.`, params: { count: sameEmail, email: app.contactEmail } })
  const sameOrg = apps.countOthersWithOrganisation(app.organisation, app.id)
  if (sameOrg) hints.push({ code: 'duplicate_organisation', message: `${sameOrg} other application(s) from an organisation named like "${app.organisation}".`, params: { count: sameOrg, organisation: app.organisation } })
  return hints
}
