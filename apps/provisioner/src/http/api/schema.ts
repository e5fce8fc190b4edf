import { z } from 'zod'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { APPLICATION_STATUSES } from '../../domain/fields.ts'

export const listQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { error: `status must be one of: ${APPLICATION_STATUSES.join(', ')}.` }).optional(),
  search: z.string().max(200, { error: 'search is at most 200 characters.' }).optional(),
  limit: z.coerce.number({ error: 'limit must be a whole number from 1 to 200.' }).int({ error: 'limit must be a whole number from 1 to 200.' }).min(1, { error: 'limit must be a whole number from 1 to 200.' }).max(200, { error: 'limit must be a whole number from 1 to 200.' }).default(50),
  offset: z.coerce.number({ error: 'offset must be a whole number, 0 or more.' }).int({ error: 'offset must be a whole number, 0 or more.' }).min(0, { error: 'offset must be a whole number, 0 or more.' }).default(0),
}).strict()

export const idParam = z.object({
  id: z.coerce.number({ error: 'The application id must be a positive whole number.' }).int({ error: 'The application id must be a positive whole number.' }).positive({ error: 'The application id must be a positive whole number.' }),
})

export const rejectBody = z.object({
  template: z.string({ error: 'template must be the code of a reject template, such as "not_eligible".' }).max(64).optional(),
  reason: z.string({ error: 'reason must be text.' }).max(5000, { error: 'reason is at most 5,000 characters.' }).optional(),
}).strict()

export const questionBody = z.object({
  question: z.string({ error: 'question is required: the text sent to the applicant.' }),
}).strict()

export const suspendBody = z.object({
  reason: z.string({ error: 'reason must be text.' }).max(2000, { error: 'reason is at most 2,000 characters.' }).optional(),
}).strict()

export const limitsBody = z.object({
  quotaBytes: z.number({ error: 'quotaBytes must be a whole number of bytes.' }).int({ error: 'quotaBytes must be a whole number of bytes.' }).min(0, { error: 'quotaBytes must be 0 or more.' }).optional(),
  maxAccounts: z.number({ error: 'maxAccounts must be a whole number.' }).int({ error: 'maxAccounts must be a whole number.' }).min(1, { error: 'maxAccounts must be at least 1.' }).max(100_000, { error: 'maxAccounts is at most 100,000.' }).optional(),
}).strict()

export const closingBody = z.object({
  requestedBy: z.string({ error: 'requestedBy is required: who asks (the space admin\'s username).' }).min(1, { error: 'requestedBy is required.' }).max(120),
  reason: z.string({ error: 'reason must be text.' }).max(2000, { error: 'reason is at most 2,000 characters.' }).default(''),
}).strict()

export const tokenBody = z.object({
  name: z.string({ error: 'name is required: what the token is for.' }),
}).strict()

const upgradeIdError = 'The upgrade id must be a positive whole number.'
export const upgradeIdParam = z.object({
  id: z.coerce.number({ error: upgradeIdError }).int({ error: upgradeIdError }).positive({ error: upgradeIdError }),
})

const maxFailuresError = 'maxFailures must be a whole number from 1 to 100,000: failed spaces after which the upgrade halts.'
export const upgradeBody = z.object({
  maxFailures: z.number({ error: maxFailuresError }).int({ error: maxFailuresError }).min(1, { error: maxFailuresError }).max(100_000, { error: maxFailuresError }).optional(),
}).strict()

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'The space name in the path is not a valid space name.' }) })

/**
 * Parses with a schema, naming every faulty field.
 * @throws ValidationError
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.infer<S> {
  const r = schema.safeParse(value ?? {})
  if (r.success) return r.data
  const errors = fieldErrorsFromZod(r.error.issues.map((i) => i.code === 'unrecognized_keys'
    ? { ...i, message: `Unknown field(s): ${(i as unknown as { keys: string[] }).keys.join(', ')}.` } : i))
  throw new ValidationError(`The ${what} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join(' ')}`, { errors })
}

export const slugOf = (params: unknown): string => parse(slugParam, params, 'path').slug
