import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorsFromZod, toProblem, ValidationError, NotFound } from './index.ts'
import { localizeProblem, MessageCatalogue } from './localize.ts'

const catalogue = new MessageCatalogue([
  {
    'There is no template "{0}".': 'Il n’y a pas de modèle « {0} ».',
    'Application {0} is {1}; it can\'t be approved now.': 'La demande n° {0} est {1:t} ; elle ne peut pas être acceptée maintenant.',
    'The request body is not valid: {0}': 'Le contenu de la requête n’est pas valide : {0}',
    'Give the device a name.': 'Donnez un nom à l’appareil.',
  },
  { pending: 'en attente', 'The {0} is not valid.': 'La requête n’est pas valide ({0}).' },
])

describe('MessageCatalogue', () => {
  it('translates exact texts and templates, keeping the values and translating those it knows', () => {
    expect(catalogue.french('Give the device a name.')).toBe('Donnez un nom à l’appareil.')
    expect(catalogue.french('There is no template "poster-a4".')).toBe('Il n’y a pas de modèle « poster-a4 ».')
    expect(catalogue.french('Application 12 is pending; it can\'t be approved now.')).toBe('La demande n° 12 est en attente ; elle ne peut pas être acceptée maintenant.')
    expect(catalogue.french('There is no template "pending".')).toBe('Il n’y a pas de modèle « pending ».')
    expect(catalogue.translate('Application 12 is pending; it can\'t be approved now.', 'en')).toBe('Application 12 is pending; it can\'t be approved now.')
  })

  it('prefers the most specific template and leaves unknown texts alone', () => {
    expect(catalogue.french('The request body is not valid: x')).toBe('Le contenu de la requête n’est pas valide : x')
    expect(catalogue.french('The query is not valid.')).toBe('La requête n’est pas valide (query).')
    expect(catalogue.french('Something nobody translated.')).toBeUndefined()
    expect(catalogue.translate('Something nobody translated.', 'fr')).toBe('Something nobody translated.')
  })

  it('reads regex characters in a message literally', () => {
    const c = new MessageCatalogue([{ 'A name cannot be "{0}" (or ".."): [x]*?': 'Un nom ne peut pas être « {0} »' }])
    expect(c.french('A name cannot be "." (or ".."): [x]*?')).toBe('Un nom ne peut pas être « . »')
    expect(c.french('A name cannot be "." (or "..."): [x]*?')).toBeUndefined()
  })
})

describe('localizeProblem', () => {
  const schema = z.object({ name: z.string().min(1, 'Give the device a name.'), age: z.number(), kind: z.enum(['a', 'b']) })
  const issues = schema.safeParse({ name: '', age: 'old', kind: 'c' }).error!.issues
  const errors = fieldErrorsFromZod(issues)
  const err = new ValidationError(`The request body is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors })

  it('gives field errors and the detail in French: our texts from the catalogue, zod\'s from its French', () => {
    const fr = localizeProblem(toProblem(err), 'fr', catalogue)
    expect(fr.errors).toEqual([
      { path: 'name', message: 'Donnez un nom à l’appareil.' },
      { path: 'age', message: 'Entrée invalide : nombre attendu, chaîne de caractères reçu' },
      { path: 'kind', message: 'Option invalide : une valeur parmi "a"|"b" attendue' },
    ])
    expect(fr.detail).toBe(`Le contenu de la requête n’est pas valide : name : Donnez un nom à l’appareil.; age : ${fr.errors![1]!.message}; kind : ${fr.errors![2]!.message}`)
    expect(fr.code).toBe('validation_failed')
  })

  it('keeps English answers as they are, without the zod issues', () => {
    const en = localizeProblem(toProblem(err), 'en', catalogue)
    expect(en.detail).toBe(err.message)
    expect(JSON.parse(JSON.stringify(en)).errors).toEqual(errors.map((e) => ({ path: e.path, message: e.message })))
  })

  it('translates a plain error\'s detail', () => {
    expect(localizeProblem(toProblem(new NotFound('There is no template "x".')), 'fr', catalogue).detail).toBe('Il n’y a pas de modèle « x ».')
  })
})
