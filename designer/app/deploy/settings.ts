/**
 * Where to deploy: the runtime's URL and token, set once and remembered in localStorage. The page
 * can suggest both with <meta name="switchboard-runtime"> and <meta name="switchboard-token">.
 */
import type { RuntimeSettings } from './runtime-api.ts'

const KEY = 'switchboard.deploy.runtime'
export const FALLBACK_URL = 'http://localhost:3000'

const meta = (name: string) => globalThis.document?.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? undefined

/** The page's suggestion: the meta tags, else the runtime's default address. */
export function defaultSettings(): RuntimeSettings {
  return { url: meta('switchboard-runtime') || FALLBACK_URL, token: meta('switchboard-token') ?? '' }
}

/** The remembered settings, or undefined when none were saved yet. */
export function loadSettings(): RuntimeSettings | undefined {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<RuntimeSettings> | null
    return saved && typeof saved.url === 'string' ? { url: saved.url, token: typeof saved.token === 'string' ? saved.token : '' } : undefined
  } catch {
    return undefined
  }
}

export function saveSettings(settings: RuntimeSettings): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(settings))
  } catch {
    // storage disabled: the settings last until the page closes
  }
}
