/** Small helpers that turn facts into words a marketer reads in the Problems panel. */
import type { Finding } from './rule.ts'

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })

/** "it" -> "Italian (it)". */
export function languageName(code: string): string {
  try {
    const name = languageNames.of(code)
    return name && name !== code ? `${name} (${code})` : code
  } catch {
    return code
  }
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/** 90 -> "1 minute 30 seconds". */
export function spokenDuration(seconds: number): string {
  const parts: string[] = []
  for (const [unit, size] of [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ] as const) {
    const n = Math.floor(seconds / size)
    seconds -= n * size
    if (n) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`)
  }
  return parts.join(' ') || '0 seconds'
}

/** Characters as a person counts them (emoji and accented letters count once). */
export const characters = (text: string) => (/[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length)

/** Drops findings that say the same thing at the same place (a check repeated per language or channel). */
export function unique(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.pointer}\n${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
