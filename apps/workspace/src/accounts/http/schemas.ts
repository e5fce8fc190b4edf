import { z } from 'zod'
import { displayNameSchema, emailSchema, languageSchema, passwordSchema, roleSchema, usernameSchema } from '../domain/rules.ts'

const loginField = z.string({ error: 'Enter your username or e-mail address.' }).trim().min(1, 'Enter your username or e-mail address.').max(254, 'At most 254 characters.')

export const loginBody = z.object({
  username: loginField,
  // Not the new-password policy: an old password must still let its owner in.
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(512, 'At most 512 characters.'),
})

export const patchMeBody = z.strictObject({
  displayName: displayNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  language: languageSchema.nullable().optional(),
}, { error: (i) => (i.code === 'unrecognized_keys' ? `Unknown field(s): ${i.keys.join(', ')}.` : undefined) })

export const changePasswordBody = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(512),
  newPassword: passwordSchema,
})

export const appPasswordBody = z.object({
  name: z.string({ error: 'Give the device a name.' }).trim().min(1, 'Give the device a name.').max(100, 'At most 100 characters.'),
})

export const resetRequestBody = z.object({ login: loginField })
export const resetCompleteBody = z.object({ password: passwordSchema })
export const languageBody = z.object({ language: languageSchema })

export const createAccountBody = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.optional(),
  email: emailSchema.optional(),
  role: roleSchema,
  password: passwordSchema,
})

export const patchAccountBody = z.strictObject({
  displayName: displayNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  role: roleSchema.optional(),
  enabled: z.boolean({ error: 'Expected true or false.' }).optional(),
  quotaBytes: z.number({ error: 'Expected a number of bytes or null.' }).int('Expected a whole number of bytes.').min(0, 'A quota cannot be negative.').max(Number.MAX_SAFE_INTEGER).nullable().optional(),
}, { error: (i) => (i.code === 'unrecognized_keys' ? `Unknown field(s): ${i.keys.join(', ')}.` : undefined) })

export const deleteAccountQuery = z.object({
  files: z.enum(['transfer', 'delete'], { error: 'Say what happens to the files: files=transfer or files=delete.' }),
})

export const invitationBody = z.object({
  email: emailSchema,
  role: roleSchema,
  language: languageSchema.optional(),
})

export const acceptInvitationBody = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.optional(),
  password: passwordSchema,
})

export const idParam = z.object({ id: z.coerce.number({ error: 'Expected a numeric id.' }).int('Expected a numeric id.').positive('Expected a numeric id.') })
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is malformed.') })
