import { describe, expect, it } from 'vitest'
import { AppError, Conflict, Gone, toProblem, Unauthorized, withCode } from './index.ts'

class LinkExpired extends withCode(Gone, 'link_expired') {}

class WrongSecret extends withCode(Unauthorized, 'wrong_secret') {
  constructor() {
    super('The secret is wrong.', { errors: [{ path: 'secret', message: 'not this one' }] })
  }
}

describe('withCode', () => {
  it('keeps the family, the status and the class name, and replaces the code', () => {
    const err = new LinkExpired('This link has expired.')
    expect(err).toBeInstanceOf(LinkExpired)
    expect(err).toBeInstanceOf(Gone)
    expect(err).toBeInstanceOf(AppError)
    expect(err).not.toBeInstanceOf(Conflict)
    expect({ name: err.name, status: err.status, code: err.code, message: err.message }).toEqual({
      name: 'LinkExpired', status: 410, code: 'link_expired', message: 'This link has expired.',
    })
    expect(toProblem(err)).toMatchObject({ status: 410, code: 'link_expired', title: 'Gone' })
  })

  it('lets a subclass fix its message and field errors', () => {
    const err = new WrongSecret()
    expect({ status: err.status, code: err.code, errors: err.errors }).toEqual({
      status: 401, code: 'wrong_secret', errors: [{ path: 'secret', message: 'not this one' }],
    })
  })

  it('leaves the base class untouched', () => {
    expect(new Gone('gone').code).toBe('gone')
  })
})
