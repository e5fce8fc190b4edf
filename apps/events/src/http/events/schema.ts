import { z } from 'zod'

/** Query of the organiser's list. */
export const listQuery = z.strictObject({
  from: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant' }).optional(),
  tag: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
})

/** Query of an event's occurrences. */
export const occurrencesQuery = z.strictObject({
  from: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
