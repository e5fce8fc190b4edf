import { describe, expect, it } from 'vitest'
import { ValidationError } from '@maison/errors'
import type { SignUpQuestion } from '../domain/model.ts'
import { neutraliseCell } from './organiser.ts'
import { validateAnswers } from './rules.ts'
import { linkToken, newRegistrationId, verifyLinkToken } from './tokens.ts'

const questions: SignUpQuestion[] = [
  { id: 'size', label: 'Size', type: 'choice', choices: ['S', 'M'], required: true },
  { id: 'note', label: 'Note', type: 'longtext', required: false },
  { id: 'rules', label: 'Rules', type: 'checkbox', required: true },
]

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError)
    return (err as ValidationError).errors!.map((e) => e.path)
  }
  throw new Error('expected a ValidationError')
}

describe('answers', () => {
  it('keeps valid answers, drops unknown ones', () => {
    expect(validateAnswers(questions, { size: ' M ', note: '', rules: 'on', extra: 'x' })).toEqual({ size: 'M', rules: true })
  })

  it('names every wrong answer', () => {
    expect(fieldsOf(() => validateAnswers(questions, { size: 'XL', rules: '' }))).toEqual(['answers.size', 'answers.rules'])
    expect(fieldsOf(() => validateAnswers(questions, { size: ['S'], note: 'x'.repeat(5001), rules: 'on' }))).toEqual(['answers.size', 'answers.note'])
  })
})

describe('personal links', () => {
  it('verify only for their purpose and secret', () => {
    const id = newRegistrationId()
    const token = linkToken('secret-a', 'manage', id)
    expect(verifyLinkToken('secret-a', 'manage', token)).toBe(id)
    expect(verifyLinkToken('secret-a', 'confirm', token)).toBeNull()
    expect(verifyLinkToken('secret-b', 'manage', token)).toBeNull()
    expect(verifyLinkToken('secret-a', 'manage', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull()
    expect(verifyLinkToken('secret-a', 'manage', 'garbage')).toBeNull()
  })
})

describe('CSV cells', () => {
  it.each([['=1+1', "'=1+1"], ['+33 6', "'+33 6"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['Alice', 'Alice'], ['a=b', 'a=b']])('%j → %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output)
  })
})
