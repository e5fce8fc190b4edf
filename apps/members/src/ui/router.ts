import { createRouter, createWebHistory, type Router } from 'vue-router'
import { shellState } from '@maison/ui-shell'

const isAdmin = () => shellState().user?.role === 'admin'

/** Routes of the members app under /s/{space}/apps/members/; members who are not admins land on their own membership. */
export function createMembersRouter(): Router {
  const router = createRouter({
    history: createWebHistory(`${shellState().space.pathPrefix}/apps/members/`),
    routes: [
      { path: '/', name: 'list', component: () => import('./views/MemberListView.vue'), meta: { admin: true } },
      { path: '/new', name: 'new', component: () => import('./views/MemberEditView.vue'), meta: { admin: true } },
      { path: '/m/:id(\\d+)', name: 'member', component: () => import('./views/MemberDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { admin: true } },
      { path: '/m/:id(\\d+)/edit', name: 'edit', component: () => import('./views/MemberEditView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { admin: true } },
      { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { admin: true } },
      { path: '/settings/:section?', name: 'settings', component: () => import('./views/AdminSettingsView.vue'), props: true, meta: { admin: true } },
      { path: '/me', name: 'me', component: () => import('./views/MyMembershipView.vue') },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  router.beforeEach((to) => (to.meta.admin && !isAdmin() ? { name: 'me' } : true))
  return router
}
