const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const TEXT = {
  fr: {
    title: 'Adhérer à {a}', intro: 'Remplissez ce formulaire : un membre du bureau validera votre adhésion.', firstName: 'Prénom', lastName: 'Nom',
    email: 'Adresse e-mail', phone: 'Téléphone (facultatif)', street: 'Adresse (facultatif)', postcode: 'Code postal', city: 'Ville',
    newsletter: 'Je souhaite recevoir la lettre d’information', photos: 'J’accepte d’apparaître sur les photos de l’association',
    submit: 'Envoyer ma demande', website: 'Ne remplissez pas ce champ', thanks: 'Merci ! Votre demande a été envoyée ; l’association vous répondra par e-mail.',
    errors: 'Votre demande n’a pas pu être envoyée :', closed: 'Cette association ne prend pas d’adhésions en ligne.', other: 'English',
    tooMany: 'Trop de demandes depuis votre connexion ; réessayez dans une heure.',
  },
  en: {
    title: 'Join {a}', intro: 'Fill in this form: a board member will validate your membership.', firstName: 'First name', lastName: 'Last name',
    email: 'E-mail address', phone: 'Phone (optional)', street: 'Address (optional)', postcode: 'Postcode', city: 'City',
    newsletter: 'I would like to receive the newsletter', photos: 'I agree to appear in the association’s photos',
    submit: 'Send my application', website: 'Leave this field empty', thanks: 'Thank you! Your application was sent; the association will answer by e-mail.',
    errors: 'Your application could not be sent:', closed: 'This association does not take applications online.', other: 'Français',
    tooMany: 'Too many applications from your connection; try again in an hour.',
  },
}
export type JoinLang = keyof typeof TEXT

export interface JoinPageState {
  lang: JoinLang
  association: string
  /** Form action and the link to the other language, both relative to the page. */
  values?: Record<string, string>
  errors?: { path: string; message: string }[]
  outcome?: 'form' | 'thanks' | 'closed' | 'too_many'
}

const FIELDS = [
  ['firstName', 'text', 'given-name', true], ['lastName', 'text', 'family-name', true], ['email', 'email', 'email', true],
  ['phone', 'tel', 'tel', false], ['street', 'text', 'street-address', false], ['postcode', 'text', 'postal-code', false], ['city', 'text', 'address-level2', false],
] as const

/** The public join form as plain HTML: it works without JavaScript. */
export function joinPage(s: JoinPageState): string {
  const t = TEXT[s.lang]
  const v = s.values ?? {}
  const title = t.title.replace('{a}', s.association)
  const other = s.lang === 'fr' ? 'en' : 'fr'
  let main: string
  if (s.outcome === 'thanks') main = `<p role="status" data-test="join-thanks">${esc(t.thanks)}</p>`
  else if (s.outcome === 'closed') main = `<p>${esc(t.closed)}</p>`
  else {
    const errs = s.errors?.length
      ? `<div role="alert" class="errors" data-test="join-errors"><p>${esc(s.outcome === 'too_many' ? t.tooMany : t.errors)}</p><ul>${s.errors.map((e) => `<li>${esc(t[e.path as keyof typeof t] ?? e.path)} : ${esc(e.message)}</li>`).join('')}</ul></div>`
      : s.outcome === 'too_many' ? `<div role="alert" class="errors"><p>${esc(t.tooMany)}</p></div>` : ''
    const inputs = FIELDS.map(([name, type, ac, req]) =>
      `<label>${esc(t[name])}${req ? ' *' : ''}<input name="${name}" type="${type}" autocomplete="${ac}" value="${esc(v[name] ?? '')}"${req ? ' required' : ''}></label>`).join('\n')
    main = `<p>${esc(t.intro)}</p>${errs}
<form method="post" action="?lang=${s.lang}">
<input type="hidden" name="lang" value="${s.lang}">
${inputs}
<label class="check"><input type="checkbox" name="consentNewsletter" value="yes"${v.consentNewsletter ? ' checked' : ''}> ${esc(t.newsletter)}</label>
<label class="check"><input type="checkbox" name="consentPhotos" value="yes"${v.consentPhotos ? ' checked' : ''}> ${esc(t.photos)}</label>
<div class="hp" aria-hidden="true"><label>${esc(t.website)}<input name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${esc(t.submit)}</button>
</form>`
  }
  return `<!doctype html><html lang="${s.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin:.75rem 0}input:not([type=checkbox]){display:block;width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
.check input{margin-right:.5rem}.hp{position:absolute;left:-10000px}.errors{background:#fdecea;padding:.5rem 1rem;border-radius:.5rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin-top:1rem}nav{text-align:right}</style></head>
<body><nav><a href="?lang=${other}" hreflang="${other}">${esc(t.other)}</a></nav><main><h1>${esc(title)}</h1>${main}</main></body></html>`
}
