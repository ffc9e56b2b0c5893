import type { Text } from '../types.gen.ts'

/** Every form a localized text takes, the given language first: what a customer may type back. */
export function localizedForms(text: Text | undefined, language: string): string[] {
  if (text === undefined) return []
  if (typeof text === 'string') return [text]
  const first = text[language]
  return [...(first ? [first] : []), ...Object.entries(text).filter(([l]) => l !== language).map(([, t]) => t as string)]
}
