import { Conflict, Forbidden, Gone, Unauthorized, withCode } from '@maison/errors'

/** Unknown login, wrong password or disabled account: deliberately one answer for all three. */
export class InvalidCredentials extends withCode(Unauthorized, 'invalid_credentials') {
  constructor(opts: { headers?: Record<string, string> } = {}) {
    super('The username or password is wrong.', opts)
  }
}

export class WrongPassword extends withCode(Forbidden, 'wrong_password') {
  constructor() {
    super('The current password is wrong.', { errors: [{ path: 'currentPassword', message: 'This is not your current password.' }] })
  }
}

export class LinkExpired extends withCode(Gone, 'link_expired') {}

export class LastAdmin extends withCode(Conflict, 'last_admin') {}

export class UsernameTaken extends withCode(Conflict, 'username_taken') {
  constructor(username: string) {
    super(`The username "${username}" is already taken.`, { errors: [{ path: 'username', message: 'This username is already taken.' }] })
  }
}

export class EmailTaken extends withCode(Conflict, 'email_taken') {
  constructor(path = 'email') {
    super('Another account already uses this e-mail address.', { errors: [{ path, message: 'Another account already uses this e-mail address.' }] })
  }
}
