const pattern = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

/** Seconds in an ISO 8601 duration (days, hours, minutes, seconds), or undefined when it is not one. */
export function durationSeconds(duration: string): number | undefined {
  const match = pattern.exec(duration)
  if (!match) return undefined
  const [, d = '0', h = '0', m = '0', s = '0'] = match
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)
}

/** Seconds as a short ISO 8601 duration: 90 -> PT1M30S. Used by transcripts and the simulator clock. */
export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : d ? '' : 'T0S'}`
}
