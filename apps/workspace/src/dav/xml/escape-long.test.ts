import { describe, expect, it } from 'vitest'
import { escapeLongText } from './escape-long.ts'
import { escapeText } from './serialize.ts'

const reference = (s: string): string => s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!)

describe('escapeLongText', () => {
  it('escapes like the string replacement, for ASCII, Latin-1, astral characters and markup', () => {
    const line = 'SUMMARY:Fête «été» à 5 € 😀 Tom & Jerry <live> a>b\r\n'
    for (const text of [line, line.repeat(40), 'x'.repeat(300) + '\r', '\r\r&&<<>>', '']) {
      expect(escapeLongText(text)).toBe(reference(text))
    }
  })

  it('grows its buffers for a large object and leaves texts above 64 Ki characters to the caller', () => {
    const big = 'DESCRIPTION:é\r\n'.repeat(4000)
    expect(escapeLongText(big)).toBe(reference(big))
    expect(escapeLongText('x'.repeat(64 * 1024 + 1))).toBeNull()
  })

  it('backs escapeText for long texts and agrees with it on short ones', () => {
    const huge = 'a&b\r\n'.repeat(20_000)
    for (const text of ['BEGIN:VEVENT\r\n'.repeat(30), 'a<b', huge]) expect(escapeText(text)).toBe(reference(text))
  })
})
