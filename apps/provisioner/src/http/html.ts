/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2b27;line-height:1.5}
label{display:block;font-weight:600;margin-top:1rem}input[type=text],input[type=email],input[type=number],input[type=password],select,textarea{width:100%;padding:.4rem;box-sizing:border-box}
fieldset{border:1px solid #ccc;margin-top:1rem}fieldset label{font-weight:400;display:inline-block;margin:.2rem 1rem .2rem 0}
.error{color:#a3001b;font-weight:600}.hint{color:#555;font-size:.9em}.hp{position:absolute;left:-10000px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
button{margin:.3rem .3rem .3rem 0;padding:.4rem .9rem}nav a{margin-right:1rem}.status{font-weight:600}`

/** A whole page: no external resources but our own scripts, readable without JavaScript. */
export function page(o: { lang: 'en' | 'fr'; title: string; body: string; scripts?: string[]; nav?: string }): string {
  return `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)}</title><style>${CSS}</style>${(o.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('')}</head>
<body>${o.nav ?? ''}<main><h1>${esc(o.title)}</h1>${o.body}</main></body></html>`
}
