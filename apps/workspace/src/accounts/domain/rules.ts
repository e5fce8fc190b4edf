import { z } from 'zod'

/** Nextcloud's rule for user ids, restricted to what is safe as a folder name. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9_.@-]{1,64}$/

/** zod schema of a new username, with messages naming what is expected. */
export const usernameSchema = z
  .string({ error: 'A username is required.' })
  .trim()
  .min(1, 'A username is required.')
  .max(64, 'A username has at most 64 characters.')
  .regex(/^[a-zA-Z0-9_.@-]*$/, 'A username may only contain letters a-z, digits and the characters _ . @ -')
  .refine((u) => !u.startsWith('_') && !u.startsWith('.'), 'A username may not start with "_" or ".".')

export const passwordSchema = z
  .string({ error: 'A password is required.' })
  .min(8, 'A password has at least 8 characters.')
  // scrypt cost grows with input; a bound keeps a login request cheap.
  .max(512, 'A password has at most 512 characters.')

export const emailSchema = z.email('This is not a valid e-mail address.').max(254, 'An e-mail address has at most 254 characters.')

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'A display name may not be empty.')
  .max(100, 'A display name has at most 100 characters.')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'A display name may not contain control characters.')

export const languageSchema = z.enum(['en', 'fr'], { error: 'Expected "en" or "fr".' })
export const roleSchema = z.enum(['admin', 'member'], { error: 'Expected "admin" or "member".' })
