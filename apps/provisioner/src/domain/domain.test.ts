import { describe, expect, it } from 'vitest'
import { ValidationError } from '@maison/errors'
import { parseApplication } from './application-schema.ts'
import { lookalikeProblem, skeleton } from './lookalike.ts'
import { checkSlug } from './slug-check.ts'
import { chooseHost } from './provisioning.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
const valid = {
  organisation: 'Les Amis du Jardin', slug: 'amis-jardin', structureType: 'association_1901', sectors: ['environment'],
  purpose: 'We run a shared vegetable garden and teach children to grow food.', yearFounded: 2012, employees: 0,
  members: 40, beneficiaries: 120, budgetBand: 'under_10k', contactName: 'Camille Martin',
  contactEmail: 'camille@example.org', charterAccepted: true,
}

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError)
    return Object.fromEntries((err as ValidationError).errors!.map((e) => [e.path, e.message]))
  }
  throw new Error('expected a ValidationError')
}

describe('application form', () => {
  it('accepts a complete application, from JSON or from form strings', () => {
    expect(parseApplication(valid, 'en', NOW).sectors).toEqual(['environment'])
    const form = { ...valid, sectors: 'culture', yearFounded: '1999', employees: '2', members: '10', beneficiaries: '0', charterAccepted: 'on' }
    const parsed = parseApplication(form, 'fr', NOW)
    expect(parsed).toMatchObject({ sectors: ['culture'], yearFounded: 1999, employees: 2, language: 'fr' })
  })

  it('names every faulty field with a message saying what is expected', () => {
    const errors = fieldsOf(() => parseApplication({
      ...valid, organisation: 'x', structureType: 'company', sectors: [], purpose: 'short', yearFounded: 2999,
      employees: -1, members: 1.5, beneficiaries: 'many', budgetBand: 'huge', contactName: '', contactEmail: 'not-an-email', charterAccepted: false,
    }, 'en', NOW))
    expect(Object.keys(errors).sort()).toEqual([
      'beneficiaries', 'budgetBand', 'charterAccepted', 'contactEmail', 'contactName', 'employees', 'members',
      'organisation', 'purpose', 'sectors', 'structureType', 'yearFounded',
    ])
    expect(errors.contactEmail).toMatch(/valid e-mail/)
    expect(errors.yearFounded).toMatch(/1800 to this year/)
  })

  it('answers in French for a French applicant', () => {
    const errors = fieldsOf(() => parseApplication({ ...valid, charterAccepted: undefined }, 'fr', NOW))
    expect(errors.charterAccepted).toMatch(/accepter la charte/)
  })

  it('refuses unknown sectors and more than five', () => {
    expect(Object.keys(fieldsOf(() => parseApplication({ ...valid, sectors: ['environment', 'piracy'] }, 'en', NOW)))).toEqual(['sectors.1'])
    const six = ['education', 'environment', 'culture', 'social', 'sport', 'health']
    expect(Object.keys(fieldsOf(() => parseApplication({ ...valid, sectors: six }, 'en', NOW)))).toEqual(['sectors'])
  })
})

describe('space names', () => {
  const names = (taken: string[]) => ({ isTaken: (s: string) => taken.includes(s), allTaken: () => taken })

  it('accepts a free, well-formed name, normalising case and width', () => {
    expect(checkSlug('Amis-Jardin', names([]))).toEqual({ slug: 'amis-jardin', available: true })
    expect(checkSlug('ａｍｉｓ', names([]))).toEqual({ slug: 'amis', available: true })
  })

  it('refuses reserved, malformed and taken names', () => {
    expect(checkSlug('admin', names([]))).toMatchObject({ available: false, reason: 'invalid', message: expect.stringMatching(/reserved/) })
    expect(checkSlug('a', names([]))).toMatchObject({ available: false, reason: 'invalid' })
    expect(checkSlug('-abc', names([]))).toMatchObject({ available: false, reason: 'invalid' })
    expect(checkSlug('jardin', names(['jardin']))).toMatchObject({ available: false, reason: 'taken' })
  })

  it('refuses Cyrillic or Greek letters posing as Latin ones, saying which', () => {
    expect(lookalikeProblem('p\u0430ris')).toMatch(/U\+0430, a Cyrillic letter/)
    expect(checkSlug('\u03bfpen', names([]))).toMatchObject({ available: false, reason: 'lookalike', message: expect.stringMatching(/Greek/) })
    expect(checkSlug('pa\u200bris', names([]))).toMatchObject({ available: false, reason: 'lookalike', message: expect.stringMatching(/invisible/) })
  })

  it('refuses a name that reads like an existing one', () => {
    expect(skeleton('paypa1')).toBe(skeleton('paypal'))
    expect(skeleton('rnaison')).toBe(skeleton('maison'))
    expect(checkSlug('jard1n', names(['jardin']))).toMatchObject({ available: false, reason: 'lookalike', message: expect.stringMatching(/"jardin"/) })
    expect(checkSlug('jardins', names(['jardin']))).toMatchObject({ available: true })
  })
})

describe('host placement', () => {
  it('picks the enabled host with the most free room, never a full one', () => {
    const hosts = [
      { id: 'a', name: 'A', capacity: 100, used: 90, enabled: true },
      { id: 'b', name: 'B', capacity: 10, used: 2, enabled: true },
      { id: 'c', name: 'C', capacity: 1000, used: 0, enabled: false },
    ]
    expect(chooseHost(hosts)?.id).toBe('b')
    expect(chooseHost([{ id: 'a', name: 'A', capacity: 1, used: 1, enabled: true }])).toBeNull()
  })
})
