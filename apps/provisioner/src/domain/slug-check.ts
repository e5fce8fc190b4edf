import { ValidationError } from '@maison/errors'
// TODO(lead): export slugProblem/RESERVED_SLUGS from @maison/workspace and import them from there.
import { slugProblem } from '../../../workspace/src/spaces/slug.ts'
import { lookalikeProblem, normaliseSlugInput, skeleton } from './lookalike.ts'

/** Where names are already in use: spaces, live applications, reservations. */
export interface TakenNames {
  isTaken(slug: string): boolean
  /** Every name in use, to compare look-alikes (a few thousand strings at most per host fleet). */
  allTaken(): string[]
}

export type SlugVerdict =
  | { slug: string; available: true }
  | { slug: string; available: false; reason: 'invalid' | 'taken' | 'lookalike'; message: string }

/** Judges a name a person typed: its form, reserved words, look-alike characters and names, availability. */
export function checkSlug(raw: string, names: TakenNames): SlugVerdict {
  const look = lookalikeProblem(raw)
  const slug = normaliseSlugInput(raw)
  if (look) return { slug, available: false, reason: 'lookalike', message: look }
  const problem = slugProblem(slug)
  if (problem) return { slug, available: false, reason: 'invalid', message: problem }
  if (names.isTaken(slug)) return { slug, available: false, reason: 'taken', message: `The name "${slug}" is already taken.` }
  const mine = skeleton(slug)
  const twin = names.allTaken().find((other) => skeleton(other) === mine)
  if (twin) {
    return { slug, available: false, reason: 'lookalike', message: `The name "${slug}" looks too much like the existing "${twin}"; choose another.` }
  }
  return { slug, available: true }
}

/** @throws ValidationError naming `field` when the name can't be used. */
export function assertSlugAvailable(raw: string, names: TakenNames, field = 'slug'): string {
  const v = checkSlug(raw, names)
  if (!v.available) throw new ValidationError(v.message, { errors: [{ path: field, message: v.message }] })
  return v.slug
}
