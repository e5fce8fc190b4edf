import { z } from 'zod'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'

const singleLine = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be a single line of text')
const optionalText = (max: number) => singleLine(max).nullable().optional().transform((v) => (v ? v : v === undefined ? undefined : null))
const webUrl = z
  .string()
  .trim()
  .max(2000, 'at most 2000 characters')
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'expected an http(s):// address')

const question = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/i, 'letters, digits and dashes').optional(),
  label: singleLine(200).min(1, 'must not be empty'),
  type: z.enum(['text', 'longtext', 'choice', 'checkbox']),
  required: z.boolean().default(false),
  choices: z.array(singleLine(100).min(1, 'must not be empty')).max(30, 'at most 30 choices').optional(),
}).refine((q) => q.type !== 'choice' || (q.choices?.length ?? 0) >= 2, { message: 'a choice question needs at least 2 choices', path: ['choices'] })

const tag = singleLine(40).min(1, 'must not be empty').refine((s) => !/[,;\\]/.test(s), 'must not contain , ; or \\')

/** Fields an organiser sends for an event; every one is optional in PATCH. */
const fields = {
  title: singleLine(200).min(1, 'must not be empty'),
  description: z.string().max(50_000, 'at most 50000 characters').optional(),
  start: z.string().trim().min(1, 'must not be empty'),
  end: z.string().trim().min(1).optional(),
  timezone: z.string().trim().max(64).optional(),
  allDay: z.boolean().optional(),
  rrule: z.string().trim().max(300, 'at most 300 characters').nullable().optional(),
  address: optionalText(500),
  onlineUrl: webUrl.nullable().optional(),
  tags: z.array(tag).max(20, 'at most 20 tags').optional(),
  category: optionalText(60),
  status: z.enum(['tentative', 'confirmed', 'cancelled']).optional(),
  visibility: z.enum(['public', 'unlisted', 'members']).optional(),
  draft: z.boolean().optional(),
  publishAt: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant such as 2026-12-01T09:00:00Z' }).nullable().optional(),
  organiserContact: optionalText(200),
  capacity: z.number({ message: 'expected a whole number of at least 1, or null for no limit' }).int('must be a whole number').min(1, 'must be at least 1 (null for no limit)').max(100_000).nullable().optional(),
  joinMode: z.enum(['free', 'approval', 'external', 'none']).optional(),
  externalUrl: webUrl.nullable().optional(),
  questions: z.array(question).max(20, 'at most 20 questions').optional(),
  accessibility: z.string().trim().max(2000, 'at most 2000 characters').nullable().optional(),
}

export const createSchema = z.strictObject(fields)
export const patchSchema = z.strictObject({ ...fields, title: fields.title.optional(), start: fields.start.optional() })

export type EventBody = Partial<z.output<typeof patchSchema>>
export type CreateBody = z.output<typeof createSchema>

/** "Only this one" / "this and following" edit of one occurrence. */
export const occurrenceSchema = z.strictObject({
  scope: z.enum(['this', 'following'], { message: 'expected "this" or "following"' }),
  title: fields.title.optional(),
  description: fields.description,
  start: fields.start.optional(),
  end: fields.end,
  address: fields.address,
  status: z.enum(['tentative', 'confirmed', 'cancelled']).optional(),
})
export type OccurrenceBody = z.output<typeof occurrenceSchema>

export const siteSchema = z.strictObject({ presentation: z.string().max(100_000, 'at most 100000 characters') })

export const publishSchema = z.strictObject({
  publishAt: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant' }).nullable().optional(),
  visibility: fields.visibility,
})

export const duplicateSchema = z.strictObject({ start: fields.start.optional(), end: fields.end, title: fields.title.optional() })

/** Parses input with a schema. @throws ValidationError listing every bad field */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {})
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, { errors: fieldErrorsFromZod(parsed.error.issues) })
  return parsed.data
}

/** A ValidationError naming one field. */
export function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, { errors: [{ path, message }] })
}
