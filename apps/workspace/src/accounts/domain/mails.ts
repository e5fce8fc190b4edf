import type { Language } from '../storage/types.ts'

export interface MailContent {
  subject: string
  text: string
  html: string
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))
}

/** Wraps paragraphs and one call-to-action link in a minimal HTML body that every mail client renders. */
function html(lang: Language, paragraphs: string[], link: { href: string; label: string }, after: string[] = []): string {
  const p = (t: string) => `<p>${escapeHtml(t)}</p>`
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5">
${paragraphs.map(p).join('\n')}
<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 16px;background:#0082c9;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a></p>
<p style="color:#555;font-size:90%">${escapeHtml(link.href)}</p>
${after.map(p).join('\n')}
</body></html>`
}

/** The invitation e-mail, in the language chosen by the inviter. */
export function invitationMail(lang: Language, v: { spaceName: string; inviterName: string; link: string; expiresAt: string }): MailContent {
  const until = formatDate(v.expiresAt, lang)
  if (lang === 'fr') {
    const intro = [`Bonjour,`, `${v.inviterName} vous invite à rejoindre l'espace « ${v.spaceName} » sur Maison.`,
      `Choisissez votre nom d'utilisateur et votre mot de passe avec ce lien, valable jusqu'au ${until} :`]
    const outro = [`Si vous ne vous attendiez pas à cette invitation, ignorez ce message.`]
    return {
      subject: `Invitation à rejoindre ${v.spaceName}`,
      text: `${intro.join('\n\n')}\n\n${v.link}\n\n${outro.join('\n')}\n`,
      html: html(lang, intro, { href: v.link, label: 'Accepter l’invitation' }, outro),
    }
  }
  const intro = [`Hello,`, `${v.inviterName} invites you to join the space "${v.spaceName}" on Maison.`,
    `Choose your username and password with this link, valid until ${until}:`]
  const outro = [`If you did not expect this invitation, you can ignore this message.`]
  return {
    subject: `Invitation to join ${v.spaceName}`,
    text: `${intro.join('\n\n')}\n\n${v.link}\n\n${outro.join('\n')}\n`,
    html: html(lang, intro, { href: v.link, label: 'Accept the invitation' }, outro),
  }
}

/** The password reset e-mail, in the account's language. */
export function passwordResetMail(lang: Language, v: { spaceName: string; username: string; link: string }): MailContent {
  if (lang === 'fr') {
    const intro = [`Bonjour,`, `Quelqu'un a demandé la réinitialisation du mot de passe du compte « ${v.username} » de l'espace « ${v.spaceName} ».`,
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure qui vient :`]
    const outro = [`Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`]
    return {
      subject: `Réinitialisation de votre mot de passe (${v.spaceName})`,
      text: `${intro.join('\n\n')}\n\n${v.link}\n\n${outro.join('\n')}\n`,
      html: html(lang, intro, { href: v.link, label: 'Choisir un nouveau mot de passe' }, outro),
    }
  }
  const intro = [`Hello,`, `Someone asked to reset the password of the account "${v.username}" in the space "${v.spaceName}".`,
    `To choose a new password, open this link within the next hour:`]
  const outro = [`If you did not ask for this, ignore this message: your password stays as it is.`]
  return {
    subject: `Reset your password (${v.spaceName})`,
    text: `${intro.join('\n\n')}\n\n${v.link}\n\n${outro.join('\n')}\n`,
    html: html(lang, intro, { href: v.link, label: 'Choose a new password' }, outro),
  }
}
