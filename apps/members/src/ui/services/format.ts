import { getLanguage } from '@nextcloud/l10n'
import { t } from '@maison/ui-shell'
import type { MemberStatus, PaymentMethod } from '../types/api.ts'

const locale = () => (getLanguage() === 'fr' ? 'fr-FR' : 'en-GB')

/** Cents as an amount in euros, in the page language. */
export const money = (cents: number): string => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100)

/** A calendar date YYYY-MM-DD as people read it. */
export function day(date: string | null): string {
  if (!date) return '—'
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** An amount typed by a person ("12,50", "12.5", "12") in cents; null when it is not one. */
export function parseCents(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

/** Label of a member status. */
export function statusLabel(s: MemberStatus): string {
  return { none: t('members', 'No subscription'), up_to_date: t('members', 'Up to date'), due_soon: t('members', 'Due soon'), lapsed: t('members', 'Lapsed') }[s]
}

/** Label of a payment method. */
export function methodLabel(m: PaymentMethod): string {
  return { cash: t('members', 'Cash'), cheque: t('members', 'Cheque'), transfer: t('members', 'Bank transfer'), card: t('members', 'Card'), online: t('members', 'Online platform') }[m]
}

export const METHODS: PaymentMethod[] = ['cash', 'cheque', 'transfer', 'card', 'online']

/** Today as YYYY-MM-DD in the browser's zone. */
export const todayIso = (): string => new Date().toLocaleDateString('en-CA')
