import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { pickTemplate, prefillFields } from '../../apps/visuals/src/ui/services/prefill.ts'
import { useEditorStore } from '../../apps/visuals/src/ui/store/editor.ts'
import type { TemplateInfo } from '../../apps/visuals/src/ui/types/api.ts'

const poster = (language: 'en' | 'fr'): TemplateInfo => ({
  id: `event-poster-${language}`, name: 'Poster', description: '', language, family: 'event-poster', category: 'event', custom: false,
  fields: [
    { id: 'title', type: 'text', label: 'Title', maxLength: 10, default: 'Party' },
    { id: 'when', type: 'text', label: 'When', maxLength: 60, default: 'Saturday' },
    { id: 'where', type: 'text', label: 'Where', maxLength: 60, default: 'Square' },
    { id: 'kind', type: 'choice', label: 'Kind', options: ['Party', 'Concert'] },
    { id: 'link', type: 'qr', label: 'Link', default: '' },
    { id: 'photo', type: 'image', label: 'Photo' },
    { id: 'theme', type: 'color', label: 'Theme', default: 'primary' },
  ],
  sizes: [{ id: 'a4', width: 1240, height: 1754 }, { id: 'portrait', width: 1080, height: 1350 }],
})

describe('hand-over URL from other apps', () => {
  it('picks the family in the interface language, else the other one, or an exact id', () => {
    const all = [poster('en'), poster('fr')]
    expect(pickTemplate(all, 'event-poster', 'fr')!.id).toBe('event-poster-fr')
    expect(pickTemplate(all, 'event-poster', 'de')!.id).toBe('event-poster-en')
    expect(pickTemplate(all, 'event-poster-en', 'fr')!.id).toBe('event-poster-en')
    expect(pickTemplate(all, 'nope', 'fr')).toBeUndefined()
  })

  it('fills text, choice and QR fields by id or alias, cuts long texts and ignores the rest', () => {
    const values = prefillFields(poster('fr'), {
      template: 'event-poster', title: 'Fête de la Saint-Jean', date: 'Samedi 21 juin', place: 'Place des Lices',
      kind: 'Concert', url: 'https://example.org/e/1', photo: 'data:image/png;base64,AAAA', theme: '#ff0000', bogus: 'x',
    })
    expect(values).toEqual({ title: 'Fête de la', when: 'Samedi 21 juin', where: 'Place des Lices', kind: 'Concert', link: 'https://example.org/e/1' })
    expect(prefillFields(poster('fr'), { kind: 'Rave' })).toEqual({})
  })
})

describe('editor history', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('undoes and redoes; typing in one field within a second is one step', () => {
    const editor = useEditorStore()
    editor.open(poster('fr'), { title: 'A' })
    expect(editor.fields).toMatchObject({ title: 'A', when: 'Saturday', theme: 'primary' })
    editor.set('title', 'AB', 1000)
    editor.set('title', 'ABC', 1500)
    editor.set('theme', 'secondary', 1600)
    editor.setSize('portrait', 5000)
    expect(editor.past).toHaveLength(3)
    editor.undo()
    expect(editor.size).toBe('a4')
    editor.undo()
    expect(editor.fields.theme).toBe('primary')
    editor.undo()
    expect(editor.fields.title).toBe('A')
    expect(editor.canUndo).toBe(false)
    editor.redo()
    editor.redo()
    expect(editor.fields).toMatchObject({ title: 'ABC', theme: 'secondary' })
    // A new change drops what could be redone.
    editor.set('when', 'Sunday', 9000)
    expect(editor.canRedo).toBe(false)
  })
})
