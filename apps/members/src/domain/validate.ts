import type { z } from 'zod'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'

/** Parses input with a schema. @throws ValidationError listing every bad field */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, { errors: fieldErrorsFromZod(parsed.error.issues) })
  return parsed.data
}
