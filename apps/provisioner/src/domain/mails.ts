import type { MailMessage } from '@maison/mail'
import type { Language } from './fields.ts'

/** The e-mails the provisioner sends, in the applicant's language. Plain text on purpose: they must read well anywhere. */
export const mails = {
  confirm(lang: Language, p: { key: string; to: string; organisation: string; confirmUrl: string; statusUrl: string }): MailMessage {
    return lang === 'fr'
      ? { key: p.key, to: p.to, subject: `Confirmez votre demande d’espace pour ${p.organisation}`,
          text: `Bonjour,\n\nMerci pour votre demande. Pour qu’elle soit examinée, confirmez votre adresse e-mail :\n${p.confirmUrl}\n\nVous pourrez suivre votre demande et répondre à nos questions ici :\n${p.statusUrl}\n` }
      : { key: p.key, to: p.to, subject: `Confirm your space application for ${p.organisation}`,
          text: `Hello,\n\nThank you for applying. To have your application reviewed, confirm your e-mail address:\n${p.confirmUrl}\n\nFollow your application and answer our questions here:\n${p.statusUrl}\n` }
  },
  question(lang: Language, p: { key: string; to: string; question: string; statusUrl: string }): MailMessage {
    return lang === 'fr'
      ? { key: p.key, to: p.to, subject: 'Une question sur votre demande d’espace',
          text: `Bonjour,\n\nNotre équipe a une question sur votre demande :\n\n${p.question}\n\nRépondez ici : ${p.statusUrl}\n` }
      : { key: p.key, to: p.to, subject: 'A question about your space application',
          text: `Hello,\n\nOur team has a question about your application:\n\n${p.question}\n\nAnswer here: ${p.statusUrl}\n` }
  },
  rejected(lang: Language, p: { key: string; to: string; reason: string }): MailMessage {
    return lang === 'fr'
      ? { key: p.key, to: p.to, subject: 'Votre demande d’espace', text: `Bonjour,\n\n${p.reason}\n\nL’équipe\n` }
      : { key: p.key, to: p.to, subject: 'Your space application', text: `Hello,\n\n${p.reason}\n\nThe team\n` }
  },
  welcome(lang: Language, p: { key: string; to: string; organisation: string; spaceUrl: string; activationUrl: string; username: string }): MailMessage {
    return lang === 'fr'
      ? { key: p.key, to: p.to, subject: `Votre espace ${p.organisation} est prêt`,
          text: `Bonjour,\n\nVotre espace est prêt : ${p.spaceUrl}\nVotre identifiant : ${p.username}\n\nChoisissez votre mot de passe pour l’activer (lien valable 7 jours) :\n${p.activationUrl}\n` }
      : { key: p.key, to: p.to, subject: `Your ${p.organisation} space is ready`,
          text: `Hello,\n\nYour space is ready: ${p.spaceUrl}\nYour login: ${p.username}\n\nChoose your password to activate it (link valid for 7 days):\n${p.activationUrl}\n` }
  },
}
