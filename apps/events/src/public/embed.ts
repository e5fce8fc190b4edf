import type { Occurrence } from '../domain/model.ts'
import type { Language } from '../registrations/model.ts'
import { escapeHtml } from './html.ts'
import { stringsFor } from './i18n.ts'
import { occurrenceCard } from './pages/site.ts'
import type { PublicTheme } from './theme.ts'

/** The widget may be framed by any site; it runs only our own script (the height reporter). */
export const EMBED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; script-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'"

/** The page inside the iframe: upcoming events in the space's colours, links opening in a new tab. */
export function embedPage(input: { lang: Language; theme: PublicTheme; occurrences: Occurrence[]; eventHref: (o: Occurrence) => string; siteHref: string; scriptSrc: string; defaultZone: string }): string {
  const s = stringsFor(input.lang)
  const t = input.theme
  const list = input.occurrences.length
    ? input.occurrences.map((o) => occurrenceCard(o, input.eventHref(o), input.lang, input.defaultZone, { target: '_blank' })).join('\n')
    : `<p class="muted">${escapeHtml(s.noUpcoming)}</p>`
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(s.upcoming)}</title>
<style>body{margin:0;padding:.5rem;font:15px/1.45 system-ui,sans-serif;background:${t.background};color:#1d1d1f}
.card{background:#fff;border:1px solid #d9dde3;border-left:4px solid ${t.primary};border-radius:.5rem;padding:.6rem .8rem;margin:0 0 .6rem}
.card h3{margin:0 0 .2rem;font-size:1rem}.card a{color:#1d1d1f}.muted{color:#555;margin:.2rem 0}.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.75rem;background:#eee;margin-right:.25rem}
.cancelled{background:#fdecea;color:#8a1c12}p.more a{color:${t.primary === '#ffffff' ? '#1d1d1f' : t.primary}}
@media (min-width:40rem){.list{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.6rem}.card{margin:0}}</style></head>
<body><div class="list">${list}</div>
<p class="more"><a href="${escapeHtml(input.siteHref)}" target="_blank" rel="noopener">${escapeHtml(s.embedMore)}</a></p>
<script src="${escapeHtml(input.scriptSrc)}"></script></body></html>`
}

/** Runs inside the iframe: tells the embedding page how tall the content is. */
export const FRAME_SCRIPT = `(function(){var last=0;function send(){var h=document.documentElement.scrollHeight;if(h!==last){last=h;parent.postMessage({type:'maison-embed-height',height:h},'*')}}
window.addEventListener('load',send);window.addEventListener('resize',send);if(window.ResizeObserver)new ResizeObserver(send).observe(document.body);send()})();`

/**
 * The one-line embed: \`<script src=".../p/embed.js" data-tag="concerts" async></script>\` puts an iframe right
 * after itself and sizes it from the frame's messages (only from our own origin and only that frame).
 */
export const EMBED_SCRIPT = `(function(){var s=document.currentScript;if(!s)return;var base=s.src.replace(/embed\\.js(\\?.*)?$/,'');
var q=[];var tag=s.getAttribute('data-tag');if(tag)q.push('tag='+encodeURIComponent(tag));var lang=s.getAttribute('data-lang');if(lang)q.push('lang='+encodeURIComponent(lang));
var f=document.createElement('iframe');f.src=base+'embed'+(q.length?'?'+q.join('&'):'');f.title=s.getAttribute('data-title')||'Events';f.loading='lazy';
f.style.cssText='width:100%;border:0;display:block;min-height:120px';f.setAttribute('scrolling','no');
var origin=new URL(base).origin;window.addEventListener('message',function(e){if(e.origin!==origin||e.source!==f.contentWindow)return;
var d=e.data;if(d&&d.type==='maison-embed-height'&&typeof d.height==='number'&&d.height>0&&d.height<100000)f.style.height=Math.ceil(d.height)+'px'});
s.parentNode.insertBefore(f,s.nextSibling)})();`
