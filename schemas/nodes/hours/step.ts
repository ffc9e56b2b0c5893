import type { HoursNode } from '../../types.gen.ts'
import type { NodeType } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
interface LocalTime {
  weekday: Weekday
  /** yyyy-mm-dd in the time zone. */
  date: string
  /** Seconds since local midnight. */
  seconds: number
}

const formats = new Map<string, Intl.DateTimeFormat>()
const formatFor = (timeZone: string) => {
  if (!formats.has(timeZone))
    formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }))
  return formats.get(timeZone)!
}

/** The last answer: lint asks for every hours node at the same instant, and so do an event's hops. */
let last: { at: number; timeZone: string; time: LocalTime } | undefined

/** The wall-clock day and time at an instant in a time zone; Intl does the DST arithmetic (it formats, it reads no clock). */
export function localTime(at: number, timeZone: string): LocalTime {
  if (last && last.at === at && last.timeZone === timeZone) return last.time
  const time = formatLocalTime(at, timeZone)
  last = { at, timeZone, time }
  return time
}

function formatLocalTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {}
  for (const part of formatFor(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value
  return {
    weekday: parts.weekday.toLowerCase() as Weekday,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
  }
}

const secondsOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60

/** Whether the calendar says open at this instant: not a holiday, and inside a period (from included, to excluded). */
export function isOpen(node: Pick<HoursNode, 'timezone' | 'weekly' | 'holidays'>, at: number): boolean {
  const now = localTime(at, node.timezone)
  if ((node.holidays ?? []).some((h) => h.date === now.date || h.date === `-${now.date.slice(4)}`)) return false
  return (node.weekly[now.weekday] ?? []).some((p) => secondsOf(p.from) <= now.seconds && now.seconds < secondsOf(p.to))
}

/** Business hours: open / closed from the event's time. An unknown time zone counts as closed (lint flags it). */
export const hours: NodeType<HoursNode> = {
  type: 'hours',
  schema,
  exitNames: () => ['open', 'closed'],
  step: (node, { event }) => {
    try {
      return { exit: isOpen(node, event.at) ? 'open' : 'closed' }
    } catch {
      return { exit: 'closed' }
    }
  },
}
