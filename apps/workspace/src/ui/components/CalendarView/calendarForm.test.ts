import { describe, expect, it } from 'vitest'
import { calendarNameProblem, colorInputValue, DEFAULT_COLOR } from './calendarForm.ts'

describe('calendar form helpers', () => {
  it('refuses the names the server refuses', () => {
    expect(calendarNameProblem('   ')).toBe('empty')
    expect(calendarNameProblem('x'.repeat(201))).toBe('too-long')
    expect(calendarNameProblem(`  ${'x'.repeat(200)}  `)).toBeNull()
    expect(calendarNameProblem('Réunions')).toBeNull()
  })

  it('gives a native colour input a value it accepts', () => {
    expect(colorInputValue('#FF8800')).toBe('#ff8800')
    expect(colorInputValue('#FF8800CC')).toBe('#ff8800')
    expect(colorInputValue(null)).toBe(DEFAULT_COLOR)
    expect(colorInputValue('red')).toBe(DEFAULT_COLOR)
    expect(colorInputValue('#ff88')).toBe(DEFAULT_COLOR)
  })
})
