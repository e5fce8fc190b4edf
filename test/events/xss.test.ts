import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { Parser } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEvent, from, linkIn, postForm, startPublicHarness, type PublicHarness } from './public-support.ts'

const X = `"><script>alert(1)</script><img src=x onerror=alert(2)>'</script><!--`
let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness({ spaceName: `Club ${X}` })
  h.reader.put(buildEvent({
    id: 'x', uid: 'x@test', title: `Title ${X}`, descriptionText: `Text ${X}`, address: `Addr ${X}`, tags: [`tag${X}`], accessibility: `Access ${X}`,
    organiserContact: `Contact ${X}`, category: `Cat ${X}`, onlineUrl: `javascript:alert(3)`, pictureUrl: `javascript:alert(4)`, capacity: 3,
    questions: [{ id: 'q1', label: `Label ${X}`, type: 'choice', choices: [`Choice ${X}`], required: false }, { id: `q"2`, label: 'Other', type: 'text', required: false }],
  }))
})
afterAll(async () => {
  await h?.close()
})

/**
 * Parses the page as a browser would and checks that no injected element or attribute exists: the only scripts
 * are ours (JSON-LD data, the widget's height reporter), no event-handler attributes, no javascript: URLs.
 */
function assertNoInjection(html: string, where: string): void {
  const found: string[] = []
  const open: string[] = []
  const parser = new Parser({
    onclosetag() {
      open.pop()
    },
    onopentag(name, attrs) {
      open.push(name === 'script' && attrs.type === 'application/ld+json' ? 'data' : name)
      if (name === 'img' && attrs.src === 'x') found.push('injected img')
      if (name === 'script' && attrs.type !== 'application/ld+json' && attrs.src !== '/s/pub/p/embed-frame.js') found.push(`script ${JSON.stringify(attrs)}`)
      for (const [k, v] of Object.entries(attrs)) {
        if (/^on/i.test(k)) found.push(`${name} ${k}`)
        if ((k === 'href' || k === 'src' || k === 'action') && /^\s*javascript:/i.test(v)) found.push(`${name} ${k}=${v}`)
      }
    },
    ontext(text) {
      if (open.at(-1) === 'script' && /alert\(/.test(text)) found.push('script text')
    },
  }, { decodeEntities: true })
  parser.write(html)
  parser.end()
  expect(found, where).toEqual([])
  expect(html, where).not.toMatch(/<script>alert/)
}

describe('people’s text is neutralised everywhere', () => {
  it('pages, JSON-LD and the widget', async () => {
    for (const path of ['/', '/events/x', '/embed', '/embed?tag=' + encodeURIComponent(`tag${X}`)]) {
      const html = await (await fetch(`${h.p}${path}`)).text()
      assertNoInjection(html, path)
    }
    const page = await (await fetch(`${h.p}/events/x`)).text()
    expect(page).toContain('Title &quot;&gt;&lt;script&gt;')
    // JSON-LD stays one script element and round-trips the text exactly.
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!)
    expect(ld.name).toBe(`Title ${X}`)
    expect(ld.image).toBeUndefined()
    expect(page).toContain('name="answers[q&quot;2]"')
  })

  it('feeds stay well-formed and carry the text as text', async () => {
    for (const path of ['/events.rss', '/events.atom']) {
      const xml = await (await fetch(`${h.p}${path}`)).text()
      expect(XMLValidator.validate(xml), path).toBe(true)
      expect(xml).not.toContain('<script')
    }
    const rss = new XMLParser({ processEntities: true, htmlEntities: true }).parse(await (await fetch(`${h.p}/events.rss`)).text())
    expect(rss.rss.channel.item.title).toBe(`Title ${X}`)
    const json = await (await fetch(`${h.p}/events.json`)).json()
    expect(json.items[0].title).toBe(`Title ${X}`)
    const ics = (await (await fetch(`${h.p}/events.ics`)).text()).replace(/\r\n[ \t]/g, '')
    expect(ics).not.toMatch(/\r\nBEGIN:VEVENT\r\n[\s\S]*\r\nBEGIN:VEVENT/)
    expect(ics).toContain('SUMMARY:Title "><script>alert(1)</script><img src=x onerror=alert(2)>\'</script><!--')
  })

  it('e-mails escape names, titles and answers; subjects stay one line', async () => {
    const name = `Eve ${X}\r\nBcc: victim@example.org`
    const res = await postForm(`${h.p}/events/x/signup`, { name: `Eve ${X}`, email: 'eve@example.org', 'answers[q1]': `Choice ${X}`, lang: 'en' }, { accept: 'application/json', ...from(1) })
    expect(res.status).toBe(202)
    const mail = await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('eve@example.org'))
    expect(mail.subject).toBe(`Confirm your sign-up: Title ${X}`)
    expect(mail.html).not.toMatch(/<script>|<img src=x/)
    expect(mail.html).toContain('Eve &quot;&gt;&lt;script&gt;')
    expect(mail.text).toContain(`Title ${X}`)
    expect(JSON.stringify(mail.bcc ?? null)).toBe('null')
    // A name with a line break cannot add headers either.
    const bad = await postForm(`${h.p}/events/x/signup`, { name, email: 'evil@example.org' }, { accept: 'application/json', ...from(2) })
    expect(bad.status).toBe(202)
    const confirm = linkIn((await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('evil@example.org'))).text, '/registrations/confirm/')
    await postForm(confirm, {}, { accept: 'application/json' })
    const manage = await (await fetch(`${h.p}/registrations/${confirm.split('/').pop()}`)).text()
    expect(manage.length).toBeGreaterThan(0)
    expect(h.smtp.messages.some((m) => JSON.stringify(m.to).includes('victim@example.org') || JSON.stringify(m.bcc ?? '').includes('victim'))).toBe(false)
  })

  it('the CSV export neutralises formulas', async () => {
    await postForm(`${h.p}/events/x/signup`, { name: '=HYPERLINK("http://evil.example","click")', email: 'formula@example.org', 'answers[q1]': `Choice ${X}` }, { accept: 'application/json', ...from(3) })
    await postForm(`${h.p}/events/x/signup`, { name: '+cmd|calc', email: 'plus@example.org' }, { accept: 'application/json', ...from(4) })
    const csv = await (await fetch(`${h.spaceUrl}/apps/events/api/events/x/registrations.csv`, { headers: h.as('admin', 'admin') })).text()
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(csv).toContain("'+cmd|calc")
    expect(csv).not.toMatch(/(^|,)[=+@-]/m)
  })
})
