/**
 * Checks a typed answer against the kind of answer a question expects, and turns it into the value
 * saved (numbers as numbers, dates as yyyy-mm-dd). Pure string work; undefined means "does not fit".
 */

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** "12,5" or "12.5" -> 12.5; also "-3" and "1 000". */
export function parseNumber(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0']/g, '')
  if (!/^[+-]?\d+([.,]\d+)?$/.test(compact)) return undefined
  return Number(compact.replace(',', '.'))
}

/** An email address as typed (trimmed), when it looks like one. */
export function parseEmail(text: string): string | undefined {
  const trimmed = text.trim()
  return email.test(trimmed) ? trimmed : undefined
}

/** A phone number with spaces, dashes, dots and brackets removed; 00 becomes +. 7 to 15 digits. */
export function parsePhone(text: string): string | undefined {
  const compact = text.trim().replace(/[\s\-.()]/g, '').replace(/^00/, '+')
  return /^\+?\d{7,15}$/.test(compact) ? compact : undefined
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A calendar date as yyyy-mm-dd from 2026-12-25, 25/12/2026, 25-12-2026 or 25.12.2026. */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : []
  if (y === undefined) return undefined
  const [year, month, day] = [Number(y), Number(m), Number(d)]
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/** The answer when the whole of it matches the pattern; a broken pattern accepts nothing. */
export function parsePattern(text: string, pattern: string | undefined): string | undefined {
  const trimmed = text.trim()
  try {
    return pattern && new RegExp(`^(?:${pattern})$`, 'u').test(trimmed) ? trimmed : undefined
  } catch {
    return undefined
  }
}
