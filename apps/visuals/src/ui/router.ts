import { createRouter, createWebHistory, type Router } from 'vue-router'
import { shellState } from '@maison/ui-shell'

/** Routes of the visuals app, under /s/{space}/apps/visuals/. Views load on demand. */
export function createVisualsRouter(): Router {
  return createRouter({
    history: createWebHistory(`${shellState().space.pathPrefix}/apps/visuals/`),
    routes: [
      { path: '/', name: 'gallery', component: () => import('./views/GalleryView.vue') },
      { path: '/edit/:id', name: 'editor', component: () => import('./views/EditorView.vue'), props: true },
      { path: '/brand-kit', name: 'brand-kit', component: () => import('./views/BrandKitView.vue') },
      { path: '/author', name: 'author', component: () => import('./views/AuthorView.vue') },
      { path: '/:rest(.*)*', redirect: { name: 'gallery' } },
    ],
  })
}
