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
 * Makes a value safe to place into a template: a customer who types "{{secrets.SHOP_TOKEN}}" as an
 * order number must not have the host fill in the secret. "{{" inside a value becomes "{\u200b{"
 * (a zero-width space between the braces), which no placeholder pattern matches.
 */
export function inertValue<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('{{') ? value.replace(/\{\{/g, '{\u200b{') : value) as T
  if (Array.isArray(value)) return value.map(inertValue) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inertValue(v)])) as T
  return value
}

/**
 * Fills {{path}} placeholders from the scope. Missing values render as ''.
 * {{secrets.NAME}} is left as it is: only the host knows secrets, and fills them just before an HTTP call.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  if (!template.includes('{{')) return template
  return template.replace(placeholder, (whole, path: string) => {
    if (path.startsWith('secrets.')) return whole
    const value = lookup(scope, path)
    if (value === undefined || value === null) return ''
    return inertValue(typeof value === 'object' ? JSON.stringify(value) : String(value))
  })
}

/** Picks the text for a language: exact tag, then its base (pt-BR -> pt), then the flow's default, then any. */
export function localize(text: Text | undefined, language: string, defaultLanguage: string): string {
  if (text === undefined) return ''
  if (typeof text === 'string') return text
  return text[language] ?? text[language.split('-')[0]] ?? text[defaultLanguage] ?? Object.values(text).find((t) => t !== undefined) ?? ''
}
