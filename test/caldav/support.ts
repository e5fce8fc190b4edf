import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export const run = promisify(execFile)
export const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')

/** Runs a Debian Python client script and parses the JSON it prints. */
export async function runPython(script: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('/usr/bin/python3', [script, ...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>
}

/** A DAV request with Basic auth; returns status, headers and text. */
export async function dav(url: string, auth: string, method: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method, body, headers: { authorization: auth, 'content-type': body?.startsWith('BEGIN:') ? 'text/calendar' : 'application/xml', ...headers } })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** One simple VEVENT. */
export function vevent(uid: string, start: string, end: string, extra = ''): string {
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:${start}\r\nDTEND:${end}\r\nSUMMARY:${uid}\r\n${extra}END:VEVENT\r\nEND:VCALENDAR\r\n`
}
