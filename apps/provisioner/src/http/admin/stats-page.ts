import { BUDGET_BANDS, SECTORS, STRUCTURE_TYPES, type Labels } from '../../domain/fields.ts'
import type { FleetStatsView } from '../../domain/stats.ts'
import { esc } from '../html.ts'
import { barChart, columnChart, type Bar } from './charts.ts'
import { consolePage, csrfField, when, type Ctx } from './layout.ts'

const TEXTS = {
  en: {
    title: 'Fleet statistics', json: 'As JSON', spaces: (n: number) => `${n} space(s)`, table: 'Show the numbers', count: 'Spaces',
    live: 'Figures from applications and the space list are live.',
    usageAt: (at: string, ms: number, n: number) => `Usage computed on ${at} UTC in ${ms} ms over ${n} space(s).`,
    usageNever: 'Usage has not been computed yet; it is being computed now: reload in a moment.', refresh: 'Compute usage now', unreadable: (n: number) => `${n} space(s) could not be read (see the log).`,
    usage: 'Usage', accounts: 'Accounts', files: 'Files', disk: 'Disk used', logins: 'Spaces with a login',
    last3: 'in the last 3 days', last15: 'in the last 15 days', never: 'never', mid: '4 to 15 days ago', older: 'more than 15 days ago',
    accountsPerSpace: 'Accounts per space', filesPerSpace: 'Files per space', diskPerSpace: 'Disk used per space', loginChart: 'Spaces by last login',
    byStatus: 'Spaces by status', byStructure: 'By structure type', bySector: 'By sector', byYear: 'By year founded', byEmployees: 'By employees',
    byMembers: 'By members', byBeneficiaries: 'By beneficiaries', byBudget: 'By budget band',
    weekly: 'Applications per week', approved: 'Approved', rejected: 'Rejected', pending: 'Pending (end of week)', week: 'Week of',
    desc: (title: string, top: Bar | undefined, total: number) => top && top.value
      ? `${title}: ${total} in all; the largest group is ${top.label} with ${top.value}.` : `${title}: nothing to show yet.`,
    weeklyDesc: (a: number, r: number, p: number) => `Over the period: ${a} approved, ${r} rejected; ${p} waiting at the end of the last week.`,
  },
  fr: {
    title: 'Statistiques de la flotte', json: 'En JSON', spaces: (n: number) => `${n} espace(s)`, table: 'Voir les chiffres', count: 'Espaces',
    live: 'Les chiffres tirés des demandes et de la liste des espaces sont à jour.',
    usageAt: (at: string, ms: number, n: number) => `Usage calculé le ${at} UTC en ${ms} ms sur ${n} espace(s).`,
    usageNever: 'L’usage n’a pas encore été calculé ; le calcul est lancé : rechargez dans un instant.', refresh: 'Calculer l’usage maintenant', unreadable: (n: number) => `${n} espace(s) illisible(s) (voir le journal).`,
    usage: 'Usage', accounts: 'Comptes', files: 'Fichiers', disk: 'Disque utilisé', logins: 'Espaces avec une connexion',
    last3: 'ces 3 derniers jours', last15: 'ces 15 derniers jours', never: 'jamais', mid: 'il y a 4 à 15 jours', older: 'il y a plus de 15 jours',
    accountsPerSpace: 'Comptes par espace', filesPerSpace: 'Fichiers par espace', diskPerSpace: 'Disque utilisé par espace', loginChart: 'Espaces selon la dernière connexion',
    byStatus: 'Espaces par statut', byStructure: 'Par type de structure', bySector: 'Par secteur', byYear: 'Par année de création', byEmployees: 'Par nombre de salarié·es',
    byMembers: 'Par nombre d’adhérent·es', byBeneficiaries: 'Par nombre de bénéficiaires', byBudget: 'Par tranche de budget',
    weekly: 'Demandes par semaine', approved: 'Acceptées', rejected: 'Refusées', pending: 'En attente (fin de semaine)', week: 'Semaine du',
    desc: (title: string, top: Bar | undefined, total: number) => top && top.value
      ? `${title} : ${total} au total ; le groupe le plus grand est ${top.label} avec ${top.value}.` : `${title} : rien à montrer pour l’instant.`,
    weeklyDesc: (a: number, r: number, p: number) => `Sur la période : ${a} acceptées, ${r} refusées ; ${p} en attente à la fin de la dernière semaine.`,
  },
}

const STATUS_FR: Record<string, string> = { active: 'actif', suspended: 'suspendu', maintenance: 'maintenance', deleted: 'supprimé' }

/** Human size in binary units. */
export function size(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = bytes
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v < 10 && i ? v.toFixed(1) : Math.round(v)} ${units[i]}`
}

/** The fleet in charts (SVG, no script) with the numbers in tables, and when usage was computed. */
export function statsPage(c: Ctx, s: FleetStatsView): string {
  const lang = c.t.lang
  const x = TEXTS[lang]
  const chart = (id: string, title: string, data: Record<string, number>, labels?: Labels | Record<string, string>) => {
    const bars = Object.entries(data).map(([k, v]) => {
      const l = labels?.[k]
      return { label: typeof l === 'string' ? l : l?.[lang] ?? k, value: v }
    })
    const top = [...bars].sort((a, b) => b.value - a.value)[0]
    const total = bars.reduce((a, b) => a + b.value, 0)
    return barChart({ id, title, desc: x.desc(title, top, total), bars, unit: x.count, tableLabel: x.table })
  }
  const u = s.usage
  const usage = u ? `<p id="usage-computed-at" data-computed-at="${esc(u.computedAt)}">${esc(x.usageAt(when(u.computedAt), u.durationMs, u.spaces))}
${u.unreadable ? ` <span class="error">${esc(x.unreadable(u.unreadable))}</span>` : ''}</p>
<dl class="figures"><dt>${esc(x.accounts)}</dt><dd id="usage-accounts">${u.accounts.total}</dd><dt>${esc(x.files)}</dt><dd id="usage-files">${u.files.total}</dd>
<dt>${esc(x.disk)}</dt><dd id="usage-disk">${esc(size(u.disk.totalBytes))}</dd>
<dt>${esc(x.logins)} ${esc(x.last3)}</dt><dd id="usage-login-3">${u.logins.last3Days}</dd><dt>${esc(x.logins)} ${esc(x.last15)}</dt><dd id="usage-login-15">${u.logins.last15Days}</dd></dl>
${chart('chart-logins', x.loginChart, {
    last3: u.logins.last3Days, mid: u.logins.last15Days - u.logins.last3Days, older: u.spaces - u.logins.last15Days - u.logins.never, never: u.logins.never,
  }, { last3: x.last3, mid: x.mid, older: x.older, never: x.never })}
${chart('chart-accounts', x.accountsPerSpace, u.accounts.perSpace)}${chart('chart-files', x.filesPerSpace, u.files.perSpace)}${chart('chart-disk', x.diskPerSpace, u.disk.perSpace)}`
    : `<p id="usage-computed-at">${esc(x.usageNever)}</p>`
  const weeks = s.applicationsByWeek
  const sum = (k: 'approved' | 'rejected') => weeks.reduce((a, w) => a + w[k], 0)
  const weekly = columnChart({
    id: 'chart-weekly', title: x.weekly, desc: x.weeklyDesc(sum('approved'), sum('rejected'), weeks.at(-1)?.pending ?? 0), tableLabel: x.table,
    series: [{ key: 'approved', label: x.approved, color: '#2f6f5e' }, { key: 'rejected', label: x.rejected, color: '#a3001b' }, { key: 'pending', label: x.pending, color: '#c07d00' }],
    points: weeks.map((w) => ({ label: w.week, values: { approved: w.approved, rejected: w.rejected, pending: w.pending } })),
  })
  const body = `<p><a href="/api/v1/stats">${esc(x.json)}</a> — ${esc(x.spaces(s.spaces.total))}</p><p>${esc(x.live)}</p>
<h2>${esc(x.usage)}</h2>${usage}
<form method="post" action="/admin/stats/refresh">${csrfField(c.csrf)}<button type="submit" id="stats-refresh">${esc(x.refresh)}</button></form>
${chart('chart-status', x.byStatus, s.spaces.byStatus, lang === 'fr' ? STATUS_FR : undefined)}
${weekly}
${chart('chart-structure', x.byStructure, s.byStructureType, STRUCTURE_TYPES)}${chart('chart-sector', x.bySector, s.bySector, SECTORS)}
${chart('chart-year', x.byYear, s.byYearFounded)}${chart('chart-employees', x.byEmployees, s.byEmployees)}${chart('chart-members', x.byMembers, s.byMembers)}
${chart('chart-beneficiaries', x.byBeneficiaries, s.byBeneficiaries)}${chart('chart-budget', x.byBudget, s.byBudgetBand, BUDGET_BANDS)}`
  return consolePage(c, x.title, body)
}
