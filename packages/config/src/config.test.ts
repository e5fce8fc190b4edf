import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseSize } from './index.ts'

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(8080)
    expect(c.HOST).toBe('127.0.0.1')
    expect(c.BASE_URL).toBe('http://127.0.0.1:8080')
    expect(c.SPACE_MAX_ACCOUNTS).toBe(50)
    expect(c.SPACE_QUOTA).toBe(40 * 1024 ** 3)
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', SPACE_QUOTA: 'lots', SMTP_URL: 'mail.example.org' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const msg = (err as Error).message
      expect(msg).toMatch(/PORT/)
      expect(msg).toMatch(/SPACE_QUOTA: expected a size/)
      expect(msg).toMatch(/SMTP_URL/)
    }
  })

  it('parses sizes in binary units', () => {
    expect(parseSize('500MB')).toBe(500 * 1024 ** 2)
    expect(parseSize('1.5 GB')).toBe(1.5 * 1024 ** 3)
    expect(parseSize('123')).toBe(123)
  })
})
