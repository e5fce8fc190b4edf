import type { Request, Response } from 'express'

export type OcsVersion = 1 | 2

/** OCS statuses of their own, as in Nextcloud's OCSController. */
export const OCS = { OK: 200, UNAUTHORISED: 997, NOT_FOUND: 998, SERVER_ERROR: 996, UNKNOWN_ERROR: 999 } as const

export type OcsValue = string | number | boolean | null | OcsValue[] | { [key: string]: OcsValue }

export interface OcsAnswer {
  /** 200 for success; otherwise an OCS code (101, 102…) or an HTTP-like status (403, 404). */
  status: number
  message?: string
  data?: OcsValue
  totalItems?: number
  itemsPerPage?: number
}

/** v1 or v2, from the mount point the request came through. */
export function ocsVersionOf(req: Request): OcsVersion {
  return /\/ocs\/v2\.php(\/|$)/.test(req.originalUrl) ? 2 : 1
}

/** `?format=json|xml` wins; otherwise JSON when Accept asks for it; XML by default, as Nextcloud. */
export function ocsFormatOf(req: Request): 'json' | 'xml' {
  const format = new URL(req.originalUrl, 'http://x').searchParams.get('format')
  if (format === 'json' || format === 'xml') return format
  return /application\/json/i.test(req.get('accept') ?? '') ? 'json' : 'xml'
}

/** HTTP status of an answer: v1 says 200 for everything but 997; v2 maps OCS codes to HTTP. */
export function httpStatusOf(version: OcsVersion, status: number): number {
  if (status === OCS.UNAUTHORISED) return 401
  if (version === 1) return 200
  if (status === OCS.NOT_FOUND) return 404
  if (status === OCS.SERVER_ERROR || status === OCS.UNKNOWN_ERROR) return 500
  if (status < 200 || status > 600) return 400
  return status
}

function meta(version: OcsVersion, a: OcsAnswer): Record<string, OcsValue> {
  if (version === 1) {
    const code = a.status === 200 ? 100 : a.status
    return {
      status: code === 100 ? 'ok' : 'failure', statuscode: code, message: code === 100 ? 'OK' : (a.message ?? ''),
      totalitems: a.totalItems === undefined ? '' : String(a.totalItems),
      itemsperpage: a.itemsPerPage === undefined ? '' : String(a.itemsPerPage),
    }
  }
  const ok = a.status >= 200 && a.status < 300
  const m: Record<string, OcsValue> = { status: ok ? 'ok' : 'failure', statuscode: a.status, message: ok ? 'OK' : (a.message ?? '') }
  if (a.totalItems !== undefined) m.totalitems = a.totalItems
  if (a.itemsPerPage !== undefined) m.itemsperpage = a.itemsPerPage
  return m
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)

/** Renders like PHP's XMLWriter in Nextcloud: list items are <element>, true is "1", false and null are empty. */
function toXml(name: string, value: OcsValue, depth: number): string {
  const pad = ' '.repeat(depth)
  if (value === null || value === false || value === '') return `${pad}<${name}/>\n`
  if (Array.isArray(value) || typeof value === 'object') {
    const entries: [string, OcsValue][] = Array.isArray(value) ? value.map((v) => ['element', v]) : Object.entries(value)
    if (entries.length === 0) return `${pad}<${name}/>\n`
    return `${pad}<${name}>\n${entries.map(([k, v]) => toXml(/^\d/.test(k) ? 'element' : k, v, depth + 1)).join('')}${pad}</${name}>\n`
  }
  return `${pad}<${name}>${escapeXml(value === true ? '1' : String(value))}</${name}>\n`
}

/** Writes an OCS answer in the request's version and format. */
export function sendOcs(req: Request, res: Response, answer: OcsAnswer): void {
  const version = ocsVersionOf(req)
  const body = { meta: meta(version, answer), data: answer.data ?? [] }
  res.status(httpStatusOf(version, answer.status))
  if (ocsFormatOf(req) === 'json') {
    res.type('application/json; charset=utf-8').send(JSON.stringify({ ocs: body }))
  } else {
    res.type('application/xml; charset=utf-8').send(`<?xml version="1.0"?>\n${toXml('ocs', body, 0)}`)
  }
}
