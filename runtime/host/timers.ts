/**
 * Durable timers: the store holds every pending timer; this scheduler keeps one setTimeout for the
 * earliest and fires due ones through the host. After a restart, load() re-arms them from the store,
 * so input time-outs, reminders and SLA alerts fire even if the process died in between.
 */
import type { TimerRecord } from './store.ts'

/** Node caps setTimeout at ~24.8 days; longer timers re-arm. */
const MAX_DELAY = 2 ** 31 - 1

export function createTimerScheduler(clock: () => number, fire: (timer: TimerRecord) => Promise<void>) {
  const pending = new Map<string, TimerRecord>()
  let handle: NodeJS.Timeout | undefined
  let stopped = false
  const id = (t: Pick<TimerRecord, 'key' | 'timer'>) => `${t.key}\u0000${t.timer}`

  function arm() {
    if (handle) clearTimeout(handle)
    handle = undefined
    if (stopped || !pending.size) return
    const next = Math.min(...[...pending.values()].map((t) => t.at))
    handle = setTimeout(tick, Math.min(MAX_DELAY, Math.max(0, next - clock())))
    handle.unref?.()
  }

  async function tick() {
    const now = clock()
    const due = [...pending.values()].filter((t) => t.at <= now).sort((a, b) => a.at - b.at)
    for (const t of due) pending.delete(id(t))
    arm()
    await Promise.all(due.map((t) => fire(t).catch(() => undefined)))
  }

  return {
    add(timers: TimerRecord[]) {
      for (const t of timers) pending.set(id(t), t)
      arm()
    },
    cancel(key: string, timers: string[]) {
      for (const timer of timers) pending.delete(id({ key, timer }))
      arm()
    },
    /** Fires everything due now (tests with a manual clock call this after advancing it). */
    tick,
    stop() {
      stopped = true
      if (handle) clearTimeout(handle)
    },
    size: () => pending.size,
  }
}
