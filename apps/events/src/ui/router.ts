import { createRouter, createWebHistory, type Router } from 'vue-router'
import { shellState } from '@maison/ui-shell'

/** Routes of the events app under /s/{space}/apps/events/. */
export function createEventsRouter(): Router {
  return createRouter({
    history: createWebHistory(`${shellState().space.pathPrefix}/apps/events/`),
    routes: [
      { path: '/', name: 'list', component: () => import('./views/EventListView.vue') },
      { path: '/new', name: 'new', component: () => import('./views/EventEditView.vue') },
      { path: '/e/:id', name: 'event', component: () => import('./views/EventDetailView.vue'), props: true },
      { path: '/e/:id/edit', name: 'edit', component: () => import('./views/EventEditView.vue'), props: (r) => ({ id: String(r.params.id), occurrence: typeof r.query.occurrence === 'string' ? r.query.occurrence : undefined }) },
      { path: '/site', name: 'site', component: () => import('./views/SiteView.vue') },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
}
