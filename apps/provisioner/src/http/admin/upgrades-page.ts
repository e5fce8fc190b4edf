import type { UpgradeSpace } from '../../domain/upgrade-ports.ts'
import type { UpgradeReport } from '../../domain/upgrade-report.ts'
import { esc } from '../html.ts'
import { consolePage, csrfField, when, type Ctx } from './layout.ts'

const TEXTS = {
  en: {
    title: 'Fleet upgrades', one: (id: number) => `Fleet upgrade #${id}`,
    behind: (n: number, v: string) => `${n} space(s) behind the current schema (${v}).`,
    start: 'Start an upgrade', running: (id: number) => `Upgrade #${id} is running.`, open: 'Follow it',
    explain: 'Each space is closed (503, “being upgraded”) only while its own migrations run; the upgrade halts once the number of failed spaces reaches its threshold, leaving the others untouched.',
    none: 'No upgrade yet.',
    cols: { id: '#', status: 'Status', by: 'Started by', at: 'Started', spaces: 'Spaces', done: 'Done', failed: 'Failed', total: 'Total time', max: 'Largest downtime' },
    status: { running: 'running', halted: 'halted', done: 'done' } as Record<string, string>,
    state: { pending: 'pending', running: 'running', done: 'done', failed: 'failed', skipped: 'skipped' } as Record<string, string>,
    counts: { total: 'Spaces', done: 'Migrated', skipped: 'Skipped (up to date or gone)', failed: 'Failed', pending: 'Left', running: 'Migrating now' } as Record<string, string>,
    figures: 'Figures', totalTime: 'Total time', maxDown: 'Largest downtime', p95Down: 'p95 downtime', meanDown: 'Mean downtime', threshold: 'Failure threshold',
    concurrency: 'Spaces at once', attempt: 'Attempt', halted: 'Halted', failures: 'Failed spaces', space: 'Space', error: 'Error', retry: 'Retry failed and remaining spaces',
    slowest: 'Longest downtimes', downtime: 'Downtime', migrations: 'Migrations', back: 'All upgrades',
  },
  fr: {
    title: 'Mises à jour de la flotte', one: (id: number) => `Mise à jour n° ${id}`,
    behind: (n: number, v: string) => `${n} espace(s) en retard sur le schéma actuel (${v}).`,
    start: 'Lancer une mise à jour', running: (id: number) => `La mise à jour n° ${id} est en cours.`, open: 'La suivre',
    explain: 'Chaque espace n’est fermé (503, « mise à jour en cours ») que pendant ses propres migrations ; la mise à jour s’arrête dès que le nombre d’espaces en échec atteint le seuil, sans toucher aux autres.',
    none: 'Aucune mise à jour pour l’instant.',
    cols: { id: 'n°', status: 'Statut', by: 'Lancée par', at: 'Lancée le', spaces: 'Espaces', done: 'Faits', failed: 'En échec', total: 'Durée totale', max: 'Plus longue coupure' },
    status: { running: 'en cours', halted: 'arrêtée', done: 'terminée' },
    state: { pending: 'en attente', running: 'en cours', done: 'fait', failed: 'en échec', skipped: 'ignoré' },
    counts: { total: 'Espaces', done: 'Migrés', skipped: 'Ignorés (déjà à jour ou disparus)', failed: 'En échec', pending: 'Restants', running: 'En cours' },
    figures: 'Chiffres', totalTime: 'Durée totale', maxDown: 'Plus longue coupure', p95Down: 'Coupure au 95e centile', meanDown: 'Coupure moyenne', threshold: 'Seuil d’échecs',
    concurrency: 'Espaces à la fois', attempt: 'Tentative', halted: 'Arrêt', failures: 'Espaces en échec', space: 'Espace', error: 'Erreur', retry: 'Réessayer les espaces en échec et restants',
    slowest: 'Plus longues coupures', downtime: 'Coupure', migrations: 'Migrations', back: 'Toutes les mises à jour',
  },
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n * 10) / 10} ms`)

/** The list of upgrades, how many spaces are behind, and the start button. */
export function upgradesPage(c: Ctx, v: { behind: number; schemaVersion: string; upgrades: UpgradeReport[] }, error?: string): string {
  const x = TEXTS[c.t.lang]
  const running = v.upgrades.find((u) => u.status === 'running')
  const k = x.cols
  const rows = v.upgrades.map((u) => `<tr><td><a href="/admin/upgrades/${u.id}">#${u.id}</a></td><td class="status" data-status="${u.status}">${esc(x.status[u.status])}</td>
<td>${esc(u.startedBy)}</td><td>${when(u.createdAt)}</td><td>${u.counts.total}</td><td>${u.counts.done}</td><td>${u.counts.failed}</td><td>${ms(u.totalMs)}</td><td>${ms(u.downtime.maxMs)}</td></tr>`).join('')
  const body = `<p id="upgrade-behind" data-behind="${v.behind}">${esc(x.behind(v.behind, v.schemaVersion))}</p><p class="hint">${esc(x.explain)}</p>
${running ? `<p>${esc(x.running(running.id))} <a href="/admin/upgrades/${running.id}">${esc(x.open)}</a></p>`
    : `<form method="post" action="/admin/upgrades">${csrfField(c.csrf)}<button type="submit" id="upgrade-start">${esc(x.start)}</button></form>`}
${v.upgrades.length ? `<table><thead><tr><th>${k.id}</th><th>${k.status}</th><th>${k.by}</th><th>${k.at}</th><th>${k.spaces}</th><th>${k.done}</th><th>${k.failed}</th><th>${k.total}</th><th>${k.max}</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${esc(x.none)}</p>`}`
  return consolePage(c, x.title, body, error)
}

/** One upgrade: live progress while it runs, then its report with the failures and a retry button. */
export function upgradePage(c: Ctx, r: UpgradeReport, spaces: UpgradeSpace[], error?: string): string {
  const x = TEXTS[c.t.lang]
  const counts = (['total', 'done', 'skipped', 'failed', 'pending', 'running'] as const)
    .map((k) => `<dt>${esc(x.counts[k])}</dt><dd id="upgrade-${k}">${r.counts[k]}</dd>`).join('')
  const slowest = spaces.filter((s) => s.downtimeMs !== null).sort((a, b) => b.downtimeMs! - a.downtimeMs!).slice(0, 10)
  const canRetry = r.status !== 'running' && (r.counts.failed > 0 || r.counts.pending > 0)
  const body = `<p><a href="/admin/upgrades">${esc(x.back)}</a></p>
<p class="status">${esc(x.cols.status)}: <span id="upgrade-status" data-status="${r.status}">${esc(x.status[r.status])}</span> — ${esc(x.attempt)} ${r.attempt}</p>
<p><progress id="upgrade-progress" max="100" value="${r.percent}"${r.status === 'running' ? ` data-poll="/admin/upgrades/${r.id}/progress.json"` : ''}></progress> <span id="upgrade-percent">${r.percent} %</span></p>
${r.haltReason ? `<p class="error" id="upgrade-halt">${esc(x.halted)}: ${esc(r.haltReason)}</p>` : ''}
<dl class="figures">${counts}</dl>
<h2>${esc(x.figures)}</h2><dl class="figures"><dt>${esc(x.totalTime)}</dt><dd id="upgrade-total-ms" data-ms="${r.totalMs}">${ms(r.totalMs)}</dd>
<dt>${esc(x.maxDown)}</dt><dd id="upgrade-max-downtime" data-ms="${r.downtime.maxMs}">${ms(r.downtime.maxMs)}</dd>
<dt>${esc(x.p95Down)}</dt><dd id="upgrade-p95-downtime" data-ms="${r.downtime.p95Ms}">${ms(r.downtime.p95Ms)}</dd>
<dt>${esc(x.meanDown)}</dt><dd>${ms(r.downtime.meanMs)}</dd><dt>${esc(x.threshold)}</dt><dd>${r.maxFailures}</dd><dt>${esc(x.concurrency)}</dt><dd>${r.concurrency}</dd></dl>
<h2>${esc(x.failures)}</h2>${r.failures.length ? `<table id="upgrade-failures"><thead><tr><th>${esc(x.space)}</th><th>${esc(x.error)}</th></tr></thead><tbody>${r.failures.map((f) =>
    `<tr><td>${esc(f.slug)}</td><td>${esc(f.error)}</td></tr>`).join('')}</tbody></table>` : '<p>—</p>'}
${canRetry ? `<form method="post" action="/admin/upgrades/${r.id}/retry">${csrfField(c.csrf)}<button type="submit" id="upgrade-retry">${esc(x.retry)}</button></form>` : ''}
<h2>${esc(x.slowest)}</h2><table><thead><tr><th>${esc(x.space)}</th><th>${esc(x.downtime)}</th><th>${esc(x.migrations)}</th></tr></thead><tbody>${slowest.map((s) =>
    `<tr><td>${esc(s.slug)}</td><td>${ms(s.downtimeMs!)}</td><td>${s.migrations ?? ''}</td></tr>`).join('')}</tbody></table>`
  return consolePage(c, x.one(r.id), body, error)
}
