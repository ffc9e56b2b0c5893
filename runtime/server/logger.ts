/** Structured JSON logs (pino). Phone numbers and contact ids are masked: logs travel further than databases. */
import pino, { type Logger } from 'pino'

/** +393471234567 -> +39347•••4567: enough to tell customers apart in a log, not enough to call them. */
export function maskPhone(value: string): string {
  return value.replace(/\+?\d[\d\s-]{6,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '')
    return `${m.startsWith('+') ? '+' : ''}${digits.slice(0, 5)}•••${digits.slice(-4)}`
  })
}

/** JSON.stringify drops an Error's message and stack (not enumerable): serialize errors the way pino does. */
const keepErrors = (_key: string, value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value)

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'switchboard-runtime' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // errors arrive here already serialized (and masked) by the hook below
      serializers: { err: (e: unknown) => (e instanceof Error ? pino.stdSerializers.err(e) : e) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhone(a) : a && typeof a === 'object' ? JSON.parse(maskPhone(JSON.stringify(a, keepErrors))) : a))
          return method.apply(this, masked as Parameters<typeof method>)
        },
      },
    },
    options.destination as pino.DestinationStream | undefined,
  )
}

export type { Logger }
