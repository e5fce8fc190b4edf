import type { Request } from 'express'
import type { Language } from '../registrations/model.ts'

/** `?lang=` (the switch on every page) wins, then the browser's Accept-Language; French by default. */
export function pickLanguage(req: Request): Language {
  const asked = req.query.lang
  if (asked === 'fr' || asked === 'en') return asked
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr'
}

const STRINGS = {
  fr: {
    upcoming: 'Prochains événements', past: 'Événements passés', noUpcoming: 'Aucun événement à venir pour le moment.',
    noPast: 'Aucun événement passé.', cancelled: 'Annulé', cancelledBanner: 'Cet événement est annulé.',
    when: 'Quand', where: 'Où', online: 'En ligne', map: 'Voir sur la carte (OpenStreetMap)', addToCalendar: 'Ajouter à mon agenda',
    subscribe: 'S’abonner à l’agenda', share: 'Partager', accessibility: 'Accessibilité', contact: 'Contact', tags: 'Étiquettes',
    signUp: 'Inscription', name: 'Nom', email: 'E-mail', submit: 'M’inscrire', joinWaiting: 'M’inscrire sur la liste d’attente',
    seatsLeft: (n: number) => (n === 1 ? 'Il reste 1 place.' : `Il reste ${n} places.`),
    full: (w: number) => `Complet : liste d’attente (${w} personne${w > 1 ? 's' : ''} en attente).`,
    approval: 'Les inscriptions sont validées par les organisateurs.', signUpClosedPast: 'Les inscriptions sont closes : l’événement a commencé.',
    signUpCancelled: 'Les inscriptions sont closes : l’événement est annulé.', external: 'S’inscrire sur le site de l’organisateur',
    memberSignUp: (n: string) => `M’inscrire en tant que ${n}`, yourStatus: 'Votre inscription', required: 'obligatoire',
    occurrence: 'Date', feeds: 'Flux', language: 'Language: English', allEvents: 'Tous les événements', moreDates: 'Autres dates',
    checkMail: 'Vérifiez votre boîte mail : nous vous avons envoyé un lien pour confirmer votre inscription.',
    already: 'Vous êtes déjà inscrit·e à cet événement.', confirmTitle: 'Confirmer l’inscription', confirmButton: 'Confirmer mon inscription',
    manageTitle: 'Mon inscription', cancelButton: 'Annuler mon inscription', alreadyConfirmed: 'Cette inscription était déjà confirmée : rien n’a changé.',
    cancelledNow: 'Votre inscription est annulée.', alreadyCancelled: 'Cette inscription était déjà annulée : rien n’a changé.',
    colon: ' : ',
    error: 'Impossible de continuer',
    errors: {
      event_cancelled: 'Cet événement est annulé : les inscriptions sont closes.',
      event_past: 'Cet événement a déjà commencé : les inscriptions sont closes.',
      signup_closed: 'Cet événement ne prend pas d’inscriptions ici.',
      link_invalid: 'Ce lien n’est pas valide (il est peut-être incomplet, ou l’inscription a été supprimée).',
      too_many_requests: 'Trop d’inscriptions depuis cette adresse : réessayez dans quelques minutes.',
      validation_failed: 'Certaines réponses manquent ou sont incorrectes',
      not_found: 'Cet événement n’existe pas ou n’est pas public.',
    } as Record<string, string>, back: 'Retour à l’événement', embedMore: 'Voir tous les événements',
    status: {
      unconfirmed: 'en attente de confirmation par e-mail', pending: 'en attente de validation par les organisateurs',
      confirmed: 'confirmée', waiting: 'sur liste d’attente', cancelled: 'annulée', refused: 'non retenue',
    },
  },
  en: {
    upcoming: 'Upcoming events', past: 'Past events', noUpcoming: 'No upcoming events for now.',
    noPast: 'No past events.', cancelled: 'Cancelled', cancelledBanner: 'This event is cancelled.',
    when: 'When', where: 'Where', online: 'Online', map: 'Show on the map (OpenStreetMap)', addToCalendar: 'Add to my calendar',
    subscribe: 'Subscribe to the calendar', share: 'Share', accessibility: 'Accessibility', contact: 'Contact', tags: 'Tags',
    signUp: 'Sign up', name: 'Name', email: 'E-mail', submit: 'Sign me up', joinWaiting: 'Join the waiting list',
    seatsLeft: (n: number) => (n === 1 ? '1 seat left.' : `${n} seats left.`),
    full: (w: number) => `Full: waiting list (${w} ${w === 1 ? 'person' : 'people'} waiting).`,
    approval: 'Sign-ups are reviewed by the organisers.', signUpClosedPast: 'Sign-ups are closed: the event has started.',
    signUpCancelled: 'Sign-ups are closed: the event is cancelled.', external: 'Sign up on the organiser’s site',
    memberSignUp: (n: string) => `Sign up as ${n}`, yourStatus: 'Your sign-up', required: 'required',
    occurrence: 'Date', feeds: 'Feeds', language: 'Langue : français', allEvents: 'All events', moreDates: 'Other dates',
    checkMail: 'Check your mailbox: we sent you a link to confirm your sign-up.',
    already: 'You have already signed up to this event.', confirmTitle: 'Confirm your sign-up', confirmButton: 'Confirm my sign-up',
    manageTitle: 'My sign-up', cancelButton: 'Cancel my sign-up', alreadyConfirmed: 'This sign-up was already confirmed: nothing changed.',
    cancelledNow: 'Your sign-up is cancelled.', alreadyCancelled: 'This sign-up was already cancelled: nothing changed.',
    colon: ': ',
    error: 'Cannot continue',
    errors: {
      event_cancelled: 'This event is cancelled: sign-ups are closed.',
      event_past: 'This event has already started: sign-ups are closed.',
      signup_closed: 'This event takes no sign-ups here.',
      link_invalid: 'This link is not valid (it may be incomplete, or the sign-up was deleted).',
      too_many_requests: 'Too many sign-ups from this address: try again in a few minutes.',
      validation_failed: 'Some answers are missing or wrong',
      not_found: 'This event does not exist or is not public.',
    } as Record<string, string>, back: 'Back to the event', embedMore: 'See all events',
    status: {
      unconfirmed: 'waiting for your e-mail confirmation', pending: 'waiting for the organisers’ approval',
      confirmed: 'confirmed', waiting: 'on the waiting list', cancelled: 'cancelled', refused: 'not accepted',
    },
  },
} as const

export type Strings = (typeof STRINGS)['fr'] | (typeof STRINGS)['en']

/** The page texts in one language. */
export const stringsFor = (lang: Language): Strings => STRINGS[lang]
