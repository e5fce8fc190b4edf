import { Router } from 'express'
import { esc, page } from './html.ts'
import { languageOf } from './language.ts'

const TEXT = {
  en: {
    title: 'Maison — a shared online home for associations',
    lead: 'Files, calendars, events, members and posters for your association, in one space, free of charge for the associations we host.',
    apply: 'Apply for a space',
    status: 'Already applied? Follow the link in your confirmation e-mail to see where your application stands.',
    staff: 'Staff console',
  },
  fr: {
    title: 'Maison — un espace en ligne partagé pour les associations',
    lead: 'Fichiers, agendas, événements, adhérents et affiches pour votre association, dans un seul espace, gratuit pour les associations que nous hébergeons.',
    apply: 'Demander un espace',
    status: 'Déjà candidat ? Suivez le lien de votre e-mail de confirmation pour voir où en est votre demande.',
    staff: 'Console de l’équipe',
  },
} as const

/** `/`: the platform's front page, pointing to the application form. */
export function createLandingRouter(): Router {
  const r = Router()
  r.get('/', (req, res) => {
    const lang = languageOf(req)
    const t = TEXT[lang]
    res.type('html').send(
      page({
        lang,
        title: t.title,
        body: `<h1>${esc(t.title)}</h1><p>${esc(t.lead)}</p><p><a class="button" href="/apply?lang=${lang}">${esc(t.apply)}</a></p><p>${esc(t.status)}</p><p><a href="/admin/">${esc(t.staff)}</a></p>`,
      }),
    )
  })
  return r
}
