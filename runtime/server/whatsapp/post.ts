/**
 * The WhatsApp sender's HTTP client: node:http / node:https with keep-alive agents, answering the
 * small part of fetch's interface the adapter uses (ok, status, statusText, text(), headers.get,
 * an AbortSignal). Measured in bench/webhook.bench.ts, global fetch (undici) cost about 450 µs of
 * CPU per Graph API call on the reference machine, this about 190: the sends were most of the
 * runtime's CPU per customer message.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }

export interface PostInit {
  method: string
  headers: Record<string, string>
  body: string
  signal?: AbortSignal
  /** Time limit in ms for the whole request (cheaper than AbortSignal.timeout, whose timer and signal live on after the answer). */
  timeoutMs?: number
}

export type PostResponse = Pick<Response, 'ok' | 'status' | 'statusText' | 'text'> & { headers: { get(name: string): string | null } }

/** Parsed request targets by URL: one per phone-number id, parsed once. */
const targets = new Map<string, URL>()
const targetOf = (url: string) => {
  let target = targets.get(url)
  if (!target) {
    if (targets.size > 1000) targets.clear()
    targets.set(url, (target = new URL(url)))
  }
  return target
}

/** Sends one request and reads the whole answer; rejects on a network error, when `signal` aborts or after `timeoutMs`. */
export function post(url: string, init: PostInit): Promise<PostResponse> {
  return new Promise((resolve, reject) => {
    const target = targetOf(url)
    const secure = target.protocol === 'https:'
    const body = Buffer.from(init.body)
    const signal = init.signal
    if (signal?.aborted) return reject(signal.reason)
    const timer = init.timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)), init.timeoutMs)
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      { method: init.method, headers: { ...init.headers, 'content-length': String(body.length) }, agent: secure ? agents.https : agents.http },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', fail)
        res.on('end', () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', abort)
          const text = Buffer.concat(chunks).toString('utf8')
          const status = res.statusCode ?? 0
          resolve({
            ok: status >= 200 && status < 300,
            status,
            statusText: res.statusMessage ?? '',
            text: async () => text,
            headers: { get: (name: string) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v } },
          })
        })
      },
    )
    function fail(error: unknown) {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
      reject(error)
    }
    function abort() {
      req.destroy(signal!.reason instanceof Error ? signal!.reason : new Error('The operation was aborted'))
    }
    signal?.addEventListener('abort', abort, { once: true })
    req.on('error', fail)
    req.end(body)
  })
}
