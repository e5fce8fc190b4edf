import type { RouteLocationRaw } from 'vue-router'

/** Languages the interface is translated into. */
export type Language = 'en' | 'fr'

export type ShellPage = 'login' | 'reset' | 'invite' | 'settings' | 'app'

export interface ShellSpace {
  slug: string
  name: string
  colors: { primary: string; background: string }
  logoUrl: string | null
  /** Absolute URL of the space root, e.g. http://127.0.0.1:8080/s/demo */
  baseUrl: string
  /** Path prefix of the space on this request: "/s/demo", or "" on {slug}.BASE_DOMAIN. */
  pathPrefix: string
}

export interface ShellUser {
  username: string
  displayName: string
  role: 'admin' | 'member'
  email: string | null
  language: Language | null
}

export interface ShellApp {
  id: string
  name: string
  /** Inline SVG markup, 24×24 viewBox. */
  icon: string
  url: string
}

/** The initial state every page carries (`loadState('maison', 'shell')`), see apps/workspace/API.md. */
export interface ShellState {
  space: ShellSpace
  user: ShellUser | null
  apps: ShellApp[]
  language: Language
  page: ShellPage
  app: string | null
  token: string | null
}

/** One section in an app's navigation (see MaisonAppLayout). */
export interface NavigationItem {
  name: string
  to: RouteLocationRaw
  /** The `data-test` name tests find it by. */
  test: string
  /** Shown to the space's admins only. */
  adminOnly?: boolean
}
