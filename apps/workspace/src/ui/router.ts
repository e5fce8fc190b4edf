import { createRouter, createWebHistory, type Router } from 'vue-router'
import { shellState } from '@maison/ui-shell'

/** Routes of the shell bundle; the server picks the page, the router the view inside it. Views load on demand. */
export function createShellRouter(): Router {
  return createRouter({
    history: createWebHistory(`${shellState().space.pathPrefix}/`),
    routes: [
      { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
      { path: '/reset/:token', name: 'reset', component: () => import('./views/ResetView.vue'), props: true },
      { path: '/invite/:token', name: 'invite', component: () => import('./views/InviteView.vue'), props: true },
      { path: '/apps/files/trash', name: 'trash', component: () => import('./views/FilesView.vue'), props: { trash: true } },
      { path: '/apps/files/:rest(.*)*', name: 'files', component: () => import('./views/FilesView.vue'), props: { trash: false } },
      { path: '/apps/calendar/:rest(.*)*', name: 'calendar', component: () => import('./views/CalendarView.vue') },
      { path: '/settings/:section?', name: 'settings', component: () => import('./views/SettingsView.vue'), props: true },
      { path: '/:rest(.*)*', name: 'unknown', component: () => import('./views/NotFoundView.vue') },
    ],
  })
}
