import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMember, errorOf, makeEnv } from '../../test/harness.ts'
import { createMember, deleteMember, listMembers, setCategory, updateMember } from './members.ts'
import { createCategory, deleteCategory } from './categories.ts'
import { createField, updateField } from './custom-fields.ts'

let h: ReturnType<typeof makeEnv>
beforeEach(() => {
  h = makeEnv()
})
afterEach(() => h.close())

describe('member records', () => {
  it('numbers members automatically and keeps numbers unique', () => {
    const a = buildMember(h.env)
    const b = buildMember(h.env)
    expect([a.number, b.number]).toEqual(['1', '2'])
    const c = buildMember(h.env, { number: '100' })
    expect(buildMember(h.env).number).toBe('101')
    const err = errorOf(() => updateMember(h.env, a.id, { number: c.number }))
    expect(err.status).toBe(409)
    expect(err.errors).toEqual([{ path: 'number', message: 'already used' }])
    expect(h.env.store.members.get(a.id)!.number).toBe('1')
  })

  it('names the field in validation errors and writes nothing', () => {
    const err = errorOf(() => createMember(h.env, { firstName: '', lastName: 'X', email: 'not-an-email', birthDate: '2026-02-30', joinedOn: '3026-01-01' }))
    expect(err.status).toBe(400)
    expect(err.errors!.map((e) => e.path).sort()).toEqual(['birthDate', 'email', 'firstName', 'joinedOn'])
    expect(h.env.store.members.count()).toBe(0)
  })

  it('refuses a birth date in the future and an unknown category', () => {
    const err = errorOf(() => createMember(h.env, { firstName: 'A', lastName: 'B', birthDate: '2030-01-01', categoryId: 99 }))
    expect(err.errors!.map((e) => e.path).sort()).toEqual(['birthDate', 'categoryId'])
  })

  it('validates custom fields by type, required flag and options', () => {
    createField(h.env, { key: 'tshirt', label: 'T-shirt size', type: 'choice', options: ['S', 'M', 'L'], required: true })
    createField(h.env, { key: 'site', label: 'Web site', type: 'url' })
    createField(h.env, { key: 'skills', label: 'Skills', type: 'multiple_choice', options: ['cook', 'drive'] })
    const err = errorOf(() => buildMember(h.env, { custom: { site: 'javascript:alert(1)', skills: ['fly'], nope: 'x' } }))
    expect(err.errors!.map((e) => e.path).sort()).toEqual(['custom.nope', 'custom.site', 'custom.skills', 'custom.tshirt'])
    const m = buildMember(h.env, { custom: { tshirt: 'M', site: 'https://example.org', skills: ['cook'] } })
    expect(m.custom).toEqual({ tshirt: 'M', site: 'https://example.org', skills: ['cook'] })
    const bad = errorOf(() => createField(h.env, { key: 'colour', label: 'Colour', type: 'choice' }))
    expect(bad.errors).toEqual([{ path: 'options', message: 'a choice field needs at least one option' }])
    expect(updateField(h.env, 2, { label: 'Site', required: true }).label).toBe('Site')
  })

  it('lists with search, category filter, sort and paging; hidden categories only on request', () => {
    const board = createCategory(h.env, { name: 'Board' })
    const former = createCategory(h.env, { name: 'Former members', hidden: true })
    buildMember(h.env, { lastName: 'Zola', firstName: 'Émile', categoryId: board.id })
    buildMember(h.env, { lastName: 'Adam', firstName: 'Paul', address: { city: 'Lyon' } })
    buildMember(h.env, { lastName: 'Old', firstName: 'Timer', categoryId: former.id })
    const base = { includeHidden: false, sort: 'name' as const, order: 'asc' as const, offset: 0, limit: 10 }
    expect(listMembers(h.env, base).items.map((i) => i.member.lastName)).toEqual(['Adam', 'Zola'])
    expect(listMembers(h.env, { ...base, includeHidden: true }).total).toBe(3)
    expect(listMembers(h.env, { ...base, q: 'lyon' }).items.map((i) => i.member.lastName)).toEqual(['Adam'])
    expect(listMembers(h.env, { ...base, q: '%' }).total).toBe(0)
    expect(listMembers(h.env, { ...base, categoryId: board.id }).items[0]!.member.firstName).toBe('Émile')
    expect(listMembers(h.env, { ...base, order: 'desc', limit: 1 })).toMatchObject({ total: 2, items: [{ member: { lastName: 'Zola' }, status: 'none' }] })
    expect(setCategory(h.env, [1], former.id)).toBe(1)
    expect(listMembers(h.env, base).total).toBe(1)
    expect(errorOf(() => deleteCategory(h.env, former.id)).status).toBe(409)
  })

  it('deletes a member', () => {
    const m = buildMember(h.env)
    deleteMember(h.env, m.id)
    expect(errorOf(() => deleteMember(h.env, m.id)).status).toBe(404)
  })
})
