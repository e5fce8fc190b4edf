import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { createCategory, deleteCategory, listCategories, updateCategory } from '../../domain/categories.ts'
import { createField, deleteField, listFields, updateField } from '../../domain/custom-fields.ts'
import { readSettings, updateSettings } from '../../domain/settings.ts'
import { adminOnly, envFor, idParam, json } from '../context.ts'

/** Categories, custom field definitions and the app's settings. */
export function mountCatalog(router: Router, services: AppServices): void {
  router.get('/categories', adminOnly, (req, res) => void res.json({ categories: listCategories(envFor(req, services)) }))
  router.post('/categories', adminOnly, json, (req, res) => void res.status(201).json(createCategory(envFor(req, services), req.body)))
  router.patch('/categories/:id', adminOnly, json, (req, res) => void res.json(updateCategory(envFor(req, services), idParam(req), req.body)))
  router.delete('/categories/:id', adminOnly, (req, res) => {
    deleteCategory(envFor(req, services), idParam(req))
    res.status(204).end()
  })

  router.get('/fields', adminOnly, (req, res) => void res.json({ fields: listFields(envFor(req, services)) }))
  router.post('/fields', adminOnly, json, (req, res) => void res.status(201).json(createField(envFor(req, services), req.body)))
  router.patch('/fields/:id', adminOnly, json, (req, res) => void res.json(updateField(envFor(req, services), idParam(req), req.body)))
  router.delete('/fields/:id', adminOnly, (req, res) => {
    deleteField(envFor(req, services), idParam(req))
    res.status(204).end()
  })

  router.get('/settings', adminOnly, (req, res) => void res.json(readSettings(envFor(req, services))))
  router.patch('/settings', adminOnly, json, (req, res) => void res.json(updateSettings(envFor(req, services), req.body)))
}
