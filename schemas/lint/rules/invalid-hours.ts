import type { Finding, LintRule } from '../rule.ts'
import { fieldsNamed, jsonPointer, triggerLabel, type Path } from '../node-json.ts'

const dayNames: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' }
const time = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const date = /^(\d{4}|-)-(\d{2})-(\d{2})$/

/** A real calendar day: 2026-02-29 is not (2026 is no leap year); --02-29 (every year) is. */
function isRealDate(text: string): boolean {
  const match = date.exec(text)
  if (!match) return false
  const [, year, month, day] = match
  const y = year === '-' ? 2000 : Number(year)
  const m = Number(month)
  const d = Number(day)
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** Calls `visit` on a value and everything inside it, with paths. Module-level: see node-json's expandText. */
function walk(value: unknown, path: Path, visit: (value: unknown, path: Path) => void): void {
  visit(value, path)
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit)
}

/** The problems of one calendar: `weeklies` and `holidayLists` are its fields, `at` turns a path into a pointer. */
function checkCalendar(weeklies: readonly { path: Path; value: unknown }[], holidayLists: readonly { path: Path; value: unknown }[], name: string, at: (path: Path) => string): Omit<Finding, 'node'>[] {
  const findings: Omit<Finding, 'node'>[] = []
  for (const weekly of weeklies)
    walk(weekly.value, weekly.path, (value, path) => {
      const period = value as { from?: unknown; to?: unknown }
      if (!period || typeof period !== 'object' || typeof period.from !== 'string' || typeof period.to !== 'string') return
      const key = path.find((p, i) => i >= weekly.path.length && typeof p === 'string')
      const day = key === undefined ? 'a day' : (dayNames[key] ?? key)
      for (const key of ['from', 'to'] as const)
        if (!time.test(period[key] as string)) findings.push({ pointer: at([...path, key]), message: `${name}: '${period[key]}' on ${day} is not a time of day; write it as 09:00` })
      if (time.test(period.from) && time.test(period.to) && period.from >= period.to)
        findings.push({
          pointer: at(path),
          message: `${name}: on ${day} the period ${period.from}-${period.to} ends before it starts; for hours past midnight, split it (${period.from}-24:00, then 00:00-${period.to} on the next day)`,
        })
    })
  for (const holidays of holidayLists)
    walk(holidays.value, holidays.path, (value, path) => {
      const isDateField = path[path.length - 1] === 'date' || (typeof path[path.length - 1] === 'number' && typeof value === 'string')
      if (typeof value !== 'string' || !isDateField || isRealDate(value)) return
      findings.push({ pointer: at(path), message: `${name}: the holiday '${value}' is not a real day; write 2026-04-06 for one day or --12-25 for every year` })
    })
  return findings
}

/** Periods ({from, to} anywhere under a `weekly` field) and holidays (strings or `date` fields under `holidays`), in nodes and in outside-hours rules. */
export const invalidHours: LintRule = {
  code: 'invalid-hours',
  severity: 'error',
  description: 'Opening hours that end before they start, or holidays on days that do not exist, make the bot say open or closed at the wrong time.',
  check: (index) => {
    const { flow, label, pointer } = index
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      const weeklies = fieldsNamed(index, node, 'weekly')
      const holidayLists = fieldsNamed(index, node, 'holidays')
      if (!weeklies.length && !holidayLists.length) continue
      for (const finding of checkCalendar(weeklies, holidayLists, label(node), (path) => pointer(node, ...path))) findings.push({ ...finding, node: node.id })
    }
    ;(flow.triggers ?? []).forEach((trigger, i) => {
      const field = (name: 'weekly' | 'holidays') => (trigger[name] === undefined ? [] : [{ path: [name], value: trigger[name] as unknown }])
      findings.push(...checkCalendar(field('weekly'), field('holidays'), triggerLabel(trigger), (path) => `/triggers/${i}${jsonPointer(path)}`))
    })
    return findings
  },
}
