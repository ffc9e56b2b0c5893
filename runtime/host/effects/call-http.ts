/**
 * Executes the engine's call-http action: fills {{secrets.NAME}} from the environment, refuses
 * private and loopback addresses unless allowed, times out each attempt, retries what is worth
 * retrying (network errors, time-outs, 429, 5xx) with exponential back-off, caps the response size.
 * Never throws: every failure is an answer with status 0 and an error that names no secret value.
 */
import type { CallHttpAction } from '../../../schemas/nodes/step.ts'
import type { HttpResult } from '../host.ts'
import { createAddressPolicy, type Resolve } from './address-policy.ts'

export interface HttpExecutorOptions {
  /** Where {{secrets.NAME}} values come from. */
  env?: Record<string, string | undefined>
  /** Host names, IP addresses or CIDR blocks reachable even though private or loopback. */
  allow?: string[]
  /** Largest response body read, in bytes. */
  maxBytes?: number
  fetchImpl?: typeof fetch
  /** Waits between attempts (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>
  /** First back-off delay; attempt n waits backoffMs·2^n. */
  backoffMs?: number
  /** Host name -> addresses (tests); node:dns lookup by default. */
  resolve?: Resolve
}

const secretPattern = /\{\{\s*secrets\.([A-Za-z_][\w.]*)\s*\}\}/g
const MAX_REDIRECTS = 5

class CallError extends Error {
  constructor(
    message: string,
    readonly retry = false,
  ) {
    super(message)
  }
}

/** Replaces {{secrets.NAME}} in every string of a value; `used` collects the values for scrubbing. */
function fillSecrets(value: unknown, env: HttpExecutorOptions['env'] & {}, used: Set<string>): unknown {
  if (typeof value === 'string')
    return value.replace(secretPattern, (_, name: string) => {
      const secret = env[name]
      if (secret === undefined) throw new CallError(`missing secret ${name}`)
      if (secret) used.add(secret)
      return secret
    })
  if (Array.isArray(value)) return value.map((v) => fillSecrets(v, env, used))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillSecrets(v, env, used)]))
  return value
}

async function readBody(response: Response, maxBytes: number, abort: () => void): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    abort()
    throw new CallError('response too large')
  }
  const chunks: Uint8Array[] = []
  let size = 0
  if (response.body) {
    const reader = response.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined)
        abort()
        throw new CallError('response too large')
      }
      chunks.push(value)
    }
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  if (/\bjson\b|\+json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

const retryable = (status: number) => status === 429 || status >= 500

/** Builds the executor the host calls for every call-http action. */
export function createHttpExecutor(options: HttpExecutorOptions = {}) {
  const { env = process.env, allow = [], maxBytes = 1024 * 1024, fetchImpl = fetch, backoffMs = 200 } = options
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const permitted = createAddressPolicy(allow, options.resolve)

  /** One attempt, following redirects itself so each hop passes the address check. */
  async function attempt(action: CallHttpAction, url: string, headers: Record<string, string>, body: string | undefined): Promise<HttpResult> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), action.timeoutSeconds * 1000)
    let method: string = action.method
    let target = new URL(url)
    try {
      for (let hop = 0; ; hop++) {
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new CallError('only http and https are allowed')
        if (!(await permitted(target))) throw new CallError('address not allowed')
        const response = await fetchImpl(target, { method, headers, body, signal: controller.signal, redirect: 'manual' })
        const location = response.headers.get('location')
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel().catch(() => undefined)
          if (hop >= MAX_REDIRECTS) throw new CallError('too many redirects')
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) [method, body] = ['GET', undefined]
          target = new URL(location, target)
          continue
        }
        return { status: response.status, body: await readBody(response, maxBytes, () => controller.abort()) }
      }
    } catch (error) {
      if (error instanceof CallError) throw error
      if (controller.signal.aborted) throw new CallError(`timed out after ${action.timeoutSeconds}s`, true)
      const { code, cause } = error as { code?: string; cause?: { code?: string } }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new CallError(`could not resolve ${target.hostname}`, code === 'EAI_AGAIN')
      if (cause) throw new CallError(`network error: ${cause.code ?? (cause as Error).message}`, true)
      throw new CallError(`request failed: ${(error as Error).message}`)
    } finally {
      clearTimeout(timer)
    }
  }

  return async function execute(action: CallHttpAction): Promise<HttpResult> {
    const secrets = new Set<string>()
    const scrub = (message: string) => [...secrets].reduce((text, secret) => text.split(secret).join('***'), message)
    try {
      const url = fillSecrets(action.url, env, secrets) as string
      const headers = fillSecrets(action.headers ?? {}, env, secrets) as Record<string, string>
      const filled = action.method === 'GET' || action.body === undefined ? undefined : fillSecrets(action.body, env, secrets)
      const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
      if (filled !== undefined && !hasType) headers['content-type'] = typeof filled === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
      const body = filled === undefined ? undefined : typeof filled === 'string' ? filled : JSON.stringify(filled)
      if (!URL.canParse(url)) throw new CallError('invalid url')
      const attempts = 1 + Math.max(0, action.retries ?? 0)
      for (let n = 0; ; n++) {
        let result: HttpResult | undefined
        try {
          result = await attempt(action, url, headers, body)
          if (!retryable(result.status) || n + 1 >= attempts) return result
        } catch (error) {
          if (!(error instanceof CallError) || !error.retry || n + 1 >= attempts) throw error
        }
        await sleep(backoffMs * 2 ** n)
      }
    } catch (error) {
      return { status: 0, error: scrub(error instanceof CallError ? error.message : `request failed: ${(error as Error).message}`) }
    }
  }
}
