/** Structured JSON logs (pino). Phone numbers and contact ids are masked: logs travel further than databases. */
import pino, { type Logger } from 'pino'

/** +393471234567 -> +39347•••4567: enough to tell customers apart in a log, not enough to call them. */
export function maskPhone(value: string): string {
  return value.replace(/\+?\d[\d\s-]{6,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '')
    return `${m.startsWith('+') ? '+' : ''}${digits.slice(0, 5)}•••${digits.slice(-4)}`
  })
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'switchboard-runtime' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhone(a) : a && typeof a === 'object' ? JSON.parse(maskPhone(JSON.stringify(a))) : a))
          return method.apply(this, masked as Parameters<typeof method>)
        },
      },
    },
    options.destination as pino.DestinationStream | undefined,
  )
}

export type { Logger }
