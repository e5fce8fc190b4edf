import { z } from 'zod'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { BUDGET_BANDS, SECTORS, STRUCTURE_TYPES, type Language } from './fields.ts'

type Msg = { en: string; fr: string }

const M = {
  organisation: { en: 'Give the name of your organisation (2 to 200 characters).', fr: 'Indiquez le nom de votre structure (2 à 200 caractères).' },
  slug: { en: 'Choose a space name.', fr: 'Choisissez un nom d’espace.' },
  structureType: { en: 'Choose the type of structure.', fr: 'Choisissez le type de structure.' },
  sectors: { en: 'Tick one to five activity sectors from the list.', fr: 'Cochez un à cinq secteurs d’activité de la liste.' },
  purpose: { en: 'Describe your purpose and main actions (30 to 5,000 characters).', fr: 'Décrivez votre objet et vos actions principales (30 à 5 000 caractères).' },
  yearFounded: { en: 'Give the year your organisation was founded (1800 to this year).', fr: 'Indiquez l’année de création (de 1800 à cette année).' },
  count: { en: 'Give a whole number, 0 or more.', fr: 'Indiquez un nombre entier, 0 ou plus.' },
  budgetBand: { en: 'Choose an annual budget band (or “prefer not to say”).', fr: 'Choisissez une tranche de budget annuel (ou « je préfère ne pas répondre »).' },
  contactName: { en: 'Give the contact person’s name (2 to 120 characters).', fr: 'Indiquez le nom de la personne à contacter (2 à 120 caractères).' },
  contactEmail: { en: 'Give a valid e-mail address, such as name@example.org.', fr: 'Indiquez une adresse e-mail valide, par exemple nom@exemple.org.' },
  charter: { en: 'You must accept the charter to apply.', fr: 'Vous devez accepter la charte pour déposer une demande.' },
  language: { en: 'Language must be "en" or "fr".', fr: 'La langue doit être « en » ou « fr ».' },
} satisfies Record<string, Msg>

const keys = (labels: Record<string, unknown>) => Object.keys(labels) as [string, ...string[]]

/** Forms send strings, the API numbers: accept both, refuse anything that is not a whole number. */
const wholeNumber = (msg: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: msg }).int({ error: msg }).min(0, { error: msg }).max(max, { error: msg }),
  )

/** The application form, with messages in the applicant's language. */
export function applicationSchema(lang: Language, now: Date) {
  const t = (m: Msg) => m[lang]
  const year = now.getUTCFullYear()
  return z.object({
    organisation: z.string({ error: t(M.organisation) }).trim().min(2, { error: t(M.organisation) }).max(200, { error: t(M.organisation) }),
    slug: z.string({ error: t(M.slug) }).min(1, { error: t(M.slug) }).max(64, { error: t(M.slug) }),
    structureType: z.enum(keys(STRUCTURE_TYPES), { error: t(M.structureType) }),
    sectors: z.preprocess(
      (v) => (typeof v === 'string' ? [v] : v),
      z.array(z.enum(keys(SECTORS), { error: t(M.sectors) }), { error: t(M.sectors) })
        .min(1, { error: t(M.sectors) }).max(5, { error: t(M.sectors) })
        .transform((a) => [...new Set(a)]),
    ),
    purpose: z.string({ error: t(M.purpose) }).trim().min(30, { error: t(M.purpose) }).max(5000, { error: t(M.purpose) }),
    yearFounded: z.preprocess(
      (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z.number({ error: t(M.yearFounded) }).int({ error: t(M.yearFounded) }).min(1800, { error: t(M.yearFounded) }).max(year, { error: t(M.yearFounded) }),
    ),
    employees: wholeNumber(t(M.count), 1_000_000),
    members: wholeNumber(t(M.count), 10_000_000),
    beneficiaries: wholeNumber(t(M.count), 100_000_000),
    budgetBand: z.enum(keys(BUDGET_BANDS), { error: t(M.budgetBand) }),
    contactName: z.string({ error: t(M.contactName) }).trim().min(2, { error: t(M.contactName) }).max(120, { error: t(M.contactName) }),
    contactEmail: z.string({ error: t(M.contactEmail) }).trim().max(254, { error: t(M.contactEmail) }).pipe(z.email({ error: t(M.contactEmail) })),
    charterAccepted: z.preprocess(
      (v) => v === 'on' || v === 'true' || v === 'yes' || v === true,
      z.literal(true, { error: t(M.charter) }),
    ),
    language: z.enum(['en', 'fr'], { error: t(M.language) }).default(lang),
  })
}

export type ApplicationInput = z.infer<ReturnType<typeof applicationSchema>>

/**
 * Parses an application, naming every faulty field.
 * @throws ValidationError
 */
export function parseApplication(body: unknown, lang: Language, now: Date): ApplicationInput {
  const parsed = applicationSchema(lang, now).safeParse(body ?? {})
  if (!parsed.success) {
    const errors = fieldErrorsFromZod(parsed.error.issues)
    const detail = lang === 'fr' ? 'Certains champs sont à corriger.' : 'Some fields need correcting.'
    throw new ValidationError(`${detail} ${errors.map((e) => `${e.path}: ${e.message}`).join(' ')}`, { errors })
  }
  return parsed.data
}
