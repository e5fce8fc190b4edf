import { esc } from '../html.ts'

export interface Bar {
  label: string
  value: number
}

export interface Series {
  key: string
  label: string
  color: string
}

const fmt = (n: number) => n.toLocaleString('en-US').replace(/,/g, '\u202f')

/** The numbers again as a table: for screen readers, copying, and browsers without SVG. */
function fallbackTable(caption: string, head: string[], rows: (string | number)[][]): string {
  return `<details class="chart-table"><summary>${esc(caption)}</summary><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr><th scope="row">${esc(r[0])}</th>${r.slice(1).map((v) => `<td>${esc(typeof v === 'number' ? fmt(v) : v)}</td>`).join('')}</tr>`).join('')}</tbody></table></details>`
}

/**
 * A horizontal bar chart as inline SVG (no script), labelled by its title and description,
 * followed by the same numbers in a table.
 */
export function barChart(o: { id: string; title: string; desc: string; bars: Bar[]; unit: string; tableLabel: string; format?: (n: number) => string }): string {
  const show = o.format ?? fmt
  const rowH = 26
  const labelW = 210
  const plotW = 330
  const width = labelW + plotW + 90
  const height = Math.max(1, o.bars.length) * rowH + 8
  const max = Math.max(1, ...o.bars.map((b) => b.value))
  const rows = o.bars.map((b, i) => {
    const y = 4 + i * rowH
    const w = Math.round((b.value / max) * plotW)
    return `<g><text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>
<rect x="${labelW}" y="${y + 4}" width="${Math.max(w, b.value > 0 ? 2 : 0)}" height="${rowH - 8}" fill="#2f6f5e"><title>${esc(`${b.label}: ${show(b.value)}`)}</title></rect>
<text x="${labelW + w + 6}" y="${y + 17}">${esc(show(b.value))}</text></g>`
  }).join('')
  return `<figure class="chart" id="${esc(o.id)}"><figcaption><strong>${esc(o.title)}</strong></figcaption>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${esc(o.id)}-title ${esc(o.id)}-desc"
 viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px;font:13px system-ui,sans-serif;fill:#1d2b27">
<title id="${esc(o.id)}-title">${esc(o.title)}</title><desc id="${esc(o.id)}-desc">${esc(o.desc)}</desc>${rows}</svg>
${fallbackTable(o.tableLabel, ['', o.unit], o.bars.map((b) => [b.label, show(b.value)]))}</figure>`
}

/** Columns per period, one per series side by side, with a legend; the same numbers in a table. */
export function columnChart(o: { id: string; title: string; desc: string; series: Series[]; points: { label: string; values: Record<string, number> }[]; tableLabel: string }): string {
  const plotH = 180
  const top = 10
  const left = 36
  const groupW = Math.max(24, o.series.length * 12 + 10)
  const width = left + o.points.length * groupW + 10
  const height = top + plotH + 46
  const max = Math.max(1, ...o.points.flatMap((p) => o.series.map((s) => p.values[s.key] ?? 0)))
  const y = (v: number) => top + plotH - Math.round((v / max) * plotH)
  const cols = o.points.map((p, i) => {
    const x0 = left + i * groupW + 5
    const bars = o.series.map((s, k) => {
      const v = p.values[s.key] ?? 0
      return `<rect x="${x0 + k * 12}" y="${y(v)}" width="10" height="${top + plotH - y(v)}" fill="${s.color}"><title>${esc(`${p.label} — ${s.label}: ${fmt(v)}`)}</title></rect>`
    }).join('')
    const label = i % 2 === 0 ? `<text x="${x0}" y="${top + plotH + 14}" font-size="10">${esc(p.label.slice(5))}</text>` : ''
    return `<g>${bars}${label}</g>`
  }).join('')
  const legend = o.series.map((s, k) => `<rect x="${left + k * 120}" y="${top + plotH + 26}" width="10" height="10" fill="${s.color}"/><text x="${left + k * 120 + 14}" y="${top + plotH + 35}">${esc(s.label)}</text>`).join('')
  const axis = `<line x1="${left}" y1="${top + plotH}" x2="${width}" y2="${top + plotH}" stroke="#999"/><text x="${left - 4}" y="${top + 10}" text-anchor="end" font-size="10">${fmt(max)}</text><text x="${left - 4}" y="${top + plotH}" text-anchor="end" font-size="10">0</text>`
  return `<figure class="chart" id="${esc(o.id)}"><figcaption><strong>${esc(o.title)}</strong></figcaption>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${esc(o.id)}-title ${esc(o.id)}-desc"
 viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${Math.max(width, 480)}px;font:12px system-ui,sans-serif;fill:#1d2b27">
<title id="${esc(o.id)}-title">${esc(o.title)}</title><desc id="${esc(o.id)}-desc">${esc(o.desc)}</desc>${axis}${cols}${legend}</svg>
${fallbackTable(o.tableLabel, ['', ...o.series.map((s) => s.label)], o.points.map((p) => [p.label, ...o.series.map((s) => p.values[s.key] ?? 0)]))}</figure>`
}
