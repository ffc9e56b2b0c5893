/**
 * Localized, templated texts: picking a language and filling {{placeholders}}. Shared by the engine
 * (runtime/engine/advance.ts) and lint (schemas/lint/), so it lives in schemas/, the leaf both import.
 */
import type { Text } from './nodes/step.ts'

/** A {{path}} placeholder in a text; group 1 is the dotted path. Global: reset lastIndex or use matchAll. */
export const placeholder = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g

/** Reads a dotted path (order.status) from a scope object. */
export function lookup(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/**
 * Fills {{path}} placeholders from the scope. Missing values render as ''.
 * {{secrets.NAME}} is left as it is: only the host knows secrets, and fills them just before an HTTP call.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(placeholder, (whole, path: string) => {
    if (path.startsWith('secrets.')) return whole
    const value = lookup(scope, path)
    if (value === undefined || value === null) return ''
    return typeof value === 'object' ? JSON.stringify(value) : String(value)
  })
}

/** Picks the text for a language: exact tag, then its base (pt-BR -> pt), then the flow's default, then any. */
export function localize(text: Text | undefined, language: string, defaultLanguage: string): string {
  if (text === undefined) return ''
  if (typeof text === 'string') return text
  return text[language] ?? text[language.split('-')[0]] ?? text[defaultLanguage] ?? Object.values(text).find((t) => t !== undefined) ?? ''
}

/** Renders every string inside a JSON value (HTTP bodies and headers). */
export function renderDeep(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/.exec(value)
    if (whole && !whole[1].startsWith('secrets.')) return lookup(scope, whole[1]) ?? null
    return renderTemplate(value, scope)
  }
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)]))
  return value
}
