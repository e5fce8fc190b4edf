import { describe, expect, it } from 'vitest'
import { crumbs, isInside, joinPath, nameProblem, normalizeFolder, parentOf } from './paths.ts'
import { formatSize } from './format.ts'
import { safeRedirect } from './redirect.ts'

describe('paths', () => {
  it('joins, splits and normalises folder paths', () => {
    expect(joinPath('/', 'a')).toBe('/a')
    expect(joinPath('/a/', 'b')).toBe('/a/b')
    expect(parentOf('/a/b')).toBe('/a')
    expect(parentOf('/a')).toBe('/')
    expect(normalizeFolder('//Association/../x/./y/')).toBe('/Association/x/y')
    expect(normalizeFolder(undefined)).toBe('/')
    expect(normalizeFolder(['/a'])).toBe('/')
    expect(crumbs('/a/b')).toEqual([{ name: 'a', path: '/a' }, { name: 'b', path: '/a/b' }])
  })

  it('refuses names the server would refuse', () => {
    expect(nameProblem('  ')).toBe('empty')
    expect(nameProblem('a/b')).toBe('slash')
    expect(nameProblem('a\\b')).toBe('slash')
    expect(nameProblem('..')).toBe('dots')
    expect(nameProblem('é'.repeat(128))).toBe('too-long')
    expect(nameProblem('Compte rendu – été.pdf')).toBeNull()
  })

  it('knows when a move would put a folder inside itself', () => {
    expect(isInside('/a/b', '/a')).toBe(true)
    expect(isInside('/a', '/a')).toBe(true)
    expect(isInside('/ab', '/a')).toBe(false)
  })
})

describe('formatSize', () => {
  it('uses binary units and the language’s separator and unit letters', () => {
    expect(formatSize(0, 'en')).toBe('0 B')
    expect(formatSize(1536, 'en')).toBe('1.5 KB')
    expect(formatSize(1536, 'fr')).toBe('1,5 Ko')
    expect(formatSize(40 * 1024 ** 3, 'en')).toBe('40 GB')
  })
})

describe('safeRedirect', () => {
  const origin = 'http://127.0.0.1:8080'
  it('keeps a path inside the space', () => {
    expect(safeRedirect('/s/demo/settings/accounts?x=1', '/f', '/s/demo', origin)).toBe('/s/demo/settings/accounts?x=1')
  })
  it('refuses other sites, other spaces and tricks', () => {
    for (const bad of ['https://evil.example/', '//evil.example/s/demo/', '/s/other/apps/files/', '/s/demo/../other/', '/s/demo/%2e%2e/other', '/s/demo\\@evil', null]) {
      expect(safeRedirect(bad, '/f', '/s/demo', origin), String(bad)).toBe('/f')
    }
  })
})
