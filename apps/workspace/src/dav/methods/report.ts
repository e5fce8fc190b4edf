import { BadRequest, Forbidden, NotFound } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { depthOf, sendXml } from '../request.ts'
import { withCondition } from '../errors.ts'
import { checkPreconditions } from '../preconditions.ts'
import { ROOT_DECLS } from '../xml/serialize.ts'
import { XmlStream } from '../xml/stream.ts'

const HEAD = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${ROOT_DECLS}>`

/** REPORT (RFC 3253 §3.6): the provider reads the body and produces the responses; we stream them. */
export async function report(dr: DavRequest): Promise<void> {
  const depth = depthOf(dr, '0', ['0', '1', 'infinity'])
  const body = await dr.readXml()
  if (!body) throw new BadRequest('REPORT needs an XML body naming the report.')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.report) throw withCondition(new Forbidden(`The ${body.local} report is not supported here.`), '<d:supported-report/>')
  const answer = await provider.report(dr.ctx, target, body, { depth, href: (path, collection) => dr.href(path, collection), pathOfUrl: (url) => dr.pathOfUrl(url) })
  if (answer.kind === 'body') {
    if (answer.contentType.includes('xml')) return sendXml(dr.res, answer.status, answer.body)
    dr.res.status(answer.status).set({ 'Content-Type': answer.contentType, 'Content-Length': String(Buffer.byteLength(answer.body)) }).end(answer.body)
    return
  }
  const out = new XmlStream(dr.res, 207)
  let wait = out.write(HEAD)
  for (const r of answer.responses) {
    wait = out.write(r)
    if (wait) await wait
  }
  wait = out.write((answer.tail ?? '') + '</d:multistatus>\n')
  if (wait) await wait
  out.end()
}
