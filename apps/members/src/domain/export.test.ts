import { describe, expect, it } from 'vitest'
import { neutralise } from './export.ts'

describe('CSV formula neutraliser', () => {
  it('prefixes every OWASP formula start with a quote: = + - @ tab CR | %', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '|', '%']) expect(neutralise(`${lead}cmd|' /C calc'!A0`)).toBe(`'${lead}cmd|' /C calc'!A0`)
  })

  it('leaves ordinary text alone, even with those characters inside', () => {
    for (const v of ['Dupont', 'a=b', '12%', 'x|y', '', "l'Étang"]) expect(neutralise(v)).toBe(v)
  })
})
