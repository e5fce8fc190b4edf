import { describe, expect, it } from 'vitest'
import { renderShell, type ShellInput } from './shell.ts'
import { renderErrorPage } from './errorPage.ts'
import { entryAssets, type Manifest } from './manifest.ts'

const manifest: Manifest = {
  'apps/workspace/src/ui/main.ts': {
    file: 'workspace-abc.js', name: 'workspace', src: 'apps/workspace/src/ui/main.ts', isEntry: true,
    imports: ['_vendor-1.js'], css: ['workspace-abc.css'],
  },
  '_vendor-1.js': { file: 'vendor-1.js', css: ['vendor-1.css'], imports: ['_shared-2.js'] },
  '_shared-2.js': { file: 'shared-2.js', imports: ['_vendor-1.js'] },
  'apps/events/src/ui/main.ts': { file: 'events-x.js', name: 'events', isEntry: true, imports: ['_vendor-1.js'] },
}

function input(overrides: Partial<ShellInput> = {}): ShellInput {
  return {
    space: {
      slug: 'peche', name: 'Amicale des Pêcheurs', colors: { primary: '#ffcc00', background: '#102030' },
      logoUrl: null, baseUrl: 'http://127.0.0.1:8080/s/peche', pathPrefix: '/s/peche',
    },
    user: { username: 'alice', displayName: 'Alice <b>', role: 'admin', email: 'a@example.org', language: 'fr' },
    requestToken: 'tok"en<x>',
    language: 'fr',
    apps: [{ id: 'files', name: 'Fichiers', icon: '<svg/>', url: '/s/peche/apps/files/' }],
    page: 'app', app: 'files', token: null, entry: 'workspace',
    ...overrides,
  }
}

function stateOf(html: string): Record<string, unknown> {
  const value = /id="initial-state-maison-shell" value="([^"]*)"/.exec(html)?.[1]
  expect(value).toBeDefined()
  // Decoded exactly as @nextcloud/initial-state does: atob, then JSON.parse of the Latin-1 string.
  return JSON.parse(atob(value!)) as Record<string, unknown>
}

describe('renderShell', () => {
  it('writes the language, token, title and the entry tags from the manifest', () => {
    const html = renderShell(input(), { manifest })
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<html lang="fr" data-locale="fr">')
    expect(html).toContain('<head data-requesttoken="tok&quot;en&lt;x&gt;">')
    expect(html).toContain('<title>Fichiers – Amicale des Pêcheurs</title>')
    expect(html).toContain('<script type="module" src="/assets/workspace-abc.js"></script>')
    expect(html).toContain('<link rel="modulepreload" href="/assets/vendor-1.js">')
    expect(html).toContain('<link rel="modulepreload" href="/assets/shared-2.js">')
    expect(html).toContain('<link rel="stylesheet" href="/assets/workspace-abc.css">')
    expect(html).toContain('<link rel="stylesheet" href="/assets/vendor-1.css">')
    expect(html).not.toContain('events-x.js')
    expect(html).toContain('<div id="skip-actions" class="vue-skip-actions"></div>\n<div id="maison-app"></div>')
  })

  it('carries the initial state so that atob + JSON.parse gives back non-ASCII text intact', () => {
    const state = stateOf(renderShell(input(), { manifest }))
    expect((state.space as { name: string }).name).toBe('Amicale des Pêcheurs')
    expect((state.space as { pathPrefix: string }).pathPrefix).toBe('/s/peche')
    expect((state.user as { displayName: string }).displayName).toBe('Alice <b>')
    expect(state).toMatchObject({ language: 'fr', page: 'app', app: 'files', token: null })
    expect(state).not.toHaveProperty('requestToken')
  })

  it('escapes every user-controlled value', () => {
    const html = renderShell(input({
      space: { ...input().space, name: '</title><script>alert(1)</script>', logoUrl: '/logo" onerror="x' },
      page: 'settings', app: null,
    }), { manifest })
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;')
    expect(html).toContain('href="/logo&quot; onerror=&quot;x"')
  })

  it('keeps only well-formed colours in the style block and picks a readable text colour', () => {
    const html = renderShell(input({ space: { ...input().space, colors: { primary: 'red;}body{display:none', background: '#FFFFFF' } } }), { manifest })
    expect(html).toContain('--maison-primary:#00679e;--maison-primary-text:#ffffff;')
    expect(html).toContain('--maison-background:#ffffff;--maison-background-text:#000000')
    expect(html).not.toContain('display:none')
    const yellow = renderShell(input(), { manifest })
    expect(yellow).toContain('--maison-primary:#ffcc00;--maison-primary-text:#000000;')
  })

  it('translates the title and the noscript message into the page language', () => {
    const fr = renderShell(input({ page: 'login', app: null, user: null }), { manifest })
    expect(fr).toContain('<title>Se connecter – Amicale des Pêcheurs</title>')
    expect(fr).toMatch(/<noscript><p class="maison-noscript">Cette page a besoin de JavaScript/)
    const en = renderShell(input({ page: 'login', app: null, user: null, language: 'en' }), { manifest })
    expect(en).toContain('<html lang="en" data-locale="en">')
    expect(en).toContain('<title>Log in – Amicale des Pêcheurs</title>')
    expect(en).toContain('This page needs JavaScript')
  })

  it('names the instance after the space for @nextcloud/vue, which reads the core capabilities', () => {
    const html = renderShell(input(), { manifest })
    const value = /id="initial-state-core-capabilities" value="([^"]*)"/.exec(html)?.[1]
    expect(JSON.parse(atob(value!))).toEqual({ theming: { name: 'Amicale des Pêcheurs' } })
  })

  it('refuses an entry the manifest does not have', () => {
    expect(() => renderShell(input({ entry: 'nope' }), { manifest })).toThrow(/no entry named "nope"/)
  })
})

describe('entryAssets', () => {
  it('survives import cycles and lists each file once', () => {
    const assets = entryAssets(manifest, 'events')
    expect(assets).toEqual({ script: '/assets/events-x.js', preloads: ['/assets/vendor-1.js', '/assets/shared-2.js'], styles: ['/assets/vendor-1.css'] })
  })
})

describe('renderErrorPage', () => {
  it('renders an escaped, translated page with a way back to the space', () => {
    const html = renderErrorPage({
      status: 404, title: 'Page not found', message: 'This address does not lead to any page.', language: 'fr',
      space: { name: 'Club <i>', pathPrefix: '/s/club', colors: { primary: '#123456' } },
    })
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('<h1>Page introuvable</h1>')
    expect(html).toContain('Erreur 404')
    expect(html).toContain('href="/s/club/"')
    expect(html).toContain('Club &lt;i&gt;')
    expect(html).not.toContain('<script')
  })

  it('falls back to English and the platform root without a space', () => {
    const html = renderErrorPage({ status: 500, title: 'Something went wrong', message: 'Please <retry>.', language: 'en' })
    expect(html).toContain('<h1>Something went wrong</h1>')
    expect(html).toContain('Please &lt;retry&gt;.')
    expect(html).toContain('href="/"')
  })
})
