import type { MailMessage } from '@maison/mail'

/** The mail each person of an imported space gets: their space moved, choose a password. */
export function activationMail(lang: 'en' | 'fr', p: { key: string; to: string; organisation: string; spaceUrl: string; activationUrl: string; username: string }): MailMessage {
  return lang === 'fr'
    ? { key: p.key, to: p.to, subject: `L’espace ${p.organisation} a déménagé`,
        text: `Bonjour,\n\nL’espace ${p.organisation} est désormais ici : ${p.spaceUrl}\nVotre identifiant : ${p.username}\n\nChoisissez votre mot de passe (lien valable 7 jours) :\n${p.activationUrl}\n` }
    : { key: p.key, to: p.to, subject: `The ${p.organisation} space has moved`,
        text: `Hello,\n\nThe ${p.organisation} space now lives here: ${p.spaceUrl}\nYour login: ${p.username}\n\nChoose your password (link valid for 7 days):\n${p.activationUrl}\n` }
}
