import { z } from 'zod'
import { FIELD_TYPES, PAYMENT_METHODS } from './types.ts'
import { isPlausibleDate } from './dates.ts'

const trimmed = (max: number) => z.string().trim().max(max, `at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null))

/** A calendar date `YYYY-MM-DD` between 1900 and 2100. */
export const isoDate = z.string().refine(isPlausibleDate, 'expected a real date YYYY-MM-DD between 1900 and 2100')

export const emailSchema = z.email('expected an e-mail address like name@example.org')
export const phoneSchema = z.string().trim().regex(/^\+?[0-9 ().-]{6,20}$/, 'expected a phone number (digits, spaces, + . - ( ))')
export const urlSchema = z.url({ protocol: /^https?$/, error: 'expected a web address starting with http:// or https://' })

const memberNumber = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(32, 'at most 32 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore only')

export const customValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])

/** A member record as admins send it; `number` may be left out to get the next free one. */
export const memberInput = z.object({
  number: memberNumber.optional(),
  firstName: trimmed(100).min(1, 'must not be empty'),
  lastName: trimmed(100).min(1, 'must not be empty'),
  email: z.string().trim().toLowerCase().pipe(emailSchema).nullish().or(z.literal('').transform(() => null)),
  phone: phoneSchema.nullish().or(z.literal('').transform(() => null)),
  address: z
    .object({ street: optionalText(200), postcode: optionalText(20), city: optionalText(100), country: optionalText(100) })
    .partial()
    .optional(),
  birthDate: isoDate.nullish(),
  categoryId: z.number().int().positive().nullish(),
  joinedOn: isoDate.optional(),
  consent: z.object({ newsletter: z.boolean(), photos: z.boolean() }).partial().optional(),
  remindersOptOut: z.boolean().optional(),
  language: z.enum(['fr', 'en'], 'expected fr or en').optional(),
  notes: trimmed(10_000).optional(),
  custom: z.record(z.string(), customValue).optional(),
  account: z.string().trim().min(1).max(64).nullish(),
})
export type MemberInput = z.infer<typeof memberInput>

/** What a member may change on their own record. */
export const selfInput = z
  .object({
    email: memberInput.shape.email,
    phone: memberInput.shape.phone,
    address: memberInput.shape.address,
    consent: memberInput.shape.consent,
    remindersOptOut: z.boolean(),
    language: z.enum(['fr', 'en'], 'expected fr or en'),
    custom: z.record(z.string(), customValue),
  })
  .partial()
  .strict()
export type SelfInput = z.infer<typeof selfInput>

export const categoryInput = z.object({
  name: trimmed(80).min(1, 'must not be empty'),
  hidden: z.boolean().default(false),
  position: z.number().int().min(0).default(0),
})
export type CategoryInput = z.infer<typeof categoryInput>

export const fieldInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (at most 40)'),
    label: trimmed(100).min(1, 'must not be empty'),
    type: z.enum(FIELD_TYPES, `expected one of ${FIELD_TYPES.join(', ')}`),
    required: z.boolean().default(false),
    help: trimmed(500).default(''),
    options: z.array(trimmed(100).min(1)).max(100).default([]),
    memberVisible: z.boolean().default(false),
    memberEditable: z.boolean().default(false),
    position: z.number().int().min(0).default(0),
  })
  .superRefine((f, ctx) => {
    const needsOptions = f.type === 'choice' || f.type === 'multiple_choice'
    if (needsOptions && f.options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs at least one option' })
    if (!needsOptions && f.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice fields have options' })
    if (new Set(f.options).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be different' })
    if (f.memberEditable && !f.memberVisible) ctx.addIssue({ code: 'custom', path: ['memberEditable'], message: 'a field the member edits must be visible to them' })
  })
export type FieldInput = z.infer<typeof fieldInput>

const validity = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('days'), days: z.number().int().min(1, 'at least 1 day').max(3660, 'at most 3660 days') }),
    z.object({ kind: z.literal('season'), start: isoDate, end: isoDate }).refine((v) => v.start <= v.end, { path: ['end'], message: 'must not be before start' }),
    z.object({ kind: z.literal('none') }),
  ],
  'expected kind days, season or none',
)

export const feeInput = z.object({
  label: trimmed(100).min(1, 'must not be empty'),
  amountCents: z.number().int('expected whole cents').min(0, 'must not be negative').max(100_000_000, 'at most 1,000,000.00'),
  categoryId: z.number().int().positive().nullable().default(null),
})

export const activityInput = z
  .object({ name: trimmed(120).min(1, 'must not be empty'), validity, fees: z.array(feeInput).max(50).default([]) })
  .superRefine((a, ctx) => {
    const seen = new Set<number | null>()
    a.fees.forEach((f, i) => {
      if (seen.has(f.categoryId)) ctx.addIssue({ code: 'custom', path: ['fees', i, 'categoryId'], message: 'only one fee per category (and one default fee)' })
      seen.add(f.categoryId)
    })
  })
export type ActivityInput = z.infer<typeof activityInput>

export const paymentInput = z
  .object({
    activityId: z.number().int().positive(),
    amountCents: z.number().int('expected whole cents').min(1, 'must be more than zero').max(100_000_000, 'at most 1,000,000.00'),
    paidOn: isoDate,
    method: z.enum(PAYMENT_METHODS, `expected one of ${PAYMENT_METHODS.join(', ')}`),
    reference: trimmed(120).nullish(),
    note: trimmed(1000).default(''),
  })
  .superRefine((p, ctx) => {
    if (p.method === 'online' && !p.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'an online payment needs the platform reference' })
  })
export type PaymentInput = z.infer<typeof paymentInput>

const template = z.object({ subject: trimmed(200).min(1, 'must not be empty'), body: trimmed(10_000).min(1, 'must not be empty') })

export const reminderRuleInput = z.object({
  offsetDays: z.number().int().min(-365, 'at most 365 days before').max(365, 'at most 365 days after'),
  templates: z.object({ fr: template, en: template }),
  enabled: z.boolean().default(true),
})
export type ReminderRuleInput = z.infer<typeof reminderRuleInput>

export const settingsInput = z
  .object({
    associationName: trimmed(120).min(1, 'must not be empty'),
    joinEnabled: z.boolean('expected true or false'),
    dueSoonDays: z.number().int().min(1).max(365),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz })
        return true
      } catch {
        return false
      }
    }, 'expected an IANA time zone like Europe/Paris'),
  })
  .partial()
export type SettingsInput = z.infer<typeof settingsInput>

const sorts = ['number', 'name', 'joinedOn', 'expiresOn', 'email'] as const

/** A saved view: a name and the list's filters and sort. */
export const savedViewInput = z.object({
  name: trimmed(80).min(1, 'must not be empty'),
  query: z
    .object({
      q: trimmed(100).optional(),
      category: z.number().int().positive().optional(),
      status: z.enum(['none', 'up_to_date', 'due_soon', 'lapsed'], 'expected none, up_to_date, due_soon or lapsed').optional(),
      pending: z.boolean().optional(),
      hidden: z.boolean().optional(),
      sort: z.enum(sorts, `expected one of ${sorts.join(', ')}`).optional(),
      order: z.enum(['asc', 'desc'], 'expected asc or desc').optional(),
    })
    .strict(),
})
export type SavedViewInput = z.infer<typeof savedViewInput>

/** A message to a selection of members. */
export const messageInput = z.object({
  // Chosen by the client once per message and sent again on a retry, so a retried POST mails nobody twice.
  requestId: z.uuid('must be a UUID, new for each message and the same when retrying it'),
  ids: z.array(z.number().int().positive()).min(1, 'select at least one member').max(10_000),
  subject: trimmed(200).min(1, 'must not be empty'),
  body: trimmed(20_000).min(1, 'must not be empty'),
})

/** What the public join form asks. */
export const joinInput = z.object({
  firstName: memberInput.shape.firstName,
  lastName: memberInput.shape.lastName,
  email: z.string().trim().toLowerCase().pipe(emailSchema),
  phone: memberInput.shape.phone,
  street: optionalText(200),
  postcode: optionalText(20),
  city: optionalText(100),
  language: z.enum(['fr', 'en']).default('fr'),
  consentNewsletter: z.boolean().default(false),
  consentPhotos: z.boolean().default(false),
})
export type JoinInput = z.infer<typeof joinInput>
