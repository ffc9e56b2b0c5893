/**
 * A recording fake HTTP server: plays a provider API (Meta's Graph API, a shop, a CRM) on
 * 127.0.0.1 port 0, keeps every request it receives, and answers from a script.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { waitUntil } from './wait.ts'

export interface RecordedRequest {
  method: string
  /** Path and query, as requested. */
  path: string
  headers: IncomingHttpHeaders
  text: string
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown
}

export interface ScriptedResponse {
  status?: number
  body?: unknown
  headers?: Record<string, string>
  /** Close the socket without answering (a network error for the client). */
  hangUp?: boolean
}

/** Answers a request: a fixed response, or a function of the request and its index (0-based). */
export type Responder = ScriptedResponse | ((request: RecordedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>)

export interface Recorder {
  url: string
  requests: RecordedRequest[]
  /** Responses used first, one per request, before falling back to the default responder. */
  queue: ScriptedResponse[]
  /** Replace the default responder. */
  respond(responder: Responder): void
  /** Resolves once at least `count` requests arrived (polls with a bounded count). */
  waitForRequests(count: number): Promise<RecordedRequest[]>
  close(): Promise<void>
}

export async function startRecorder(responder: Responder = { status: 200, body: {} }): Promise<Recorder> {
  let fallback = responder
  const requests: RecordedRequest[] = []
  const queue: ScriptedResponse[] = []
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    const request: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, text, json }
    const index = requests.push(request) - 1
    const answer = queue.shift() ?? (typeof fallback === 'function' ? await fallback(request, index) : fallback)
    if (answer.hangUp) return req.socket.destroy()
    const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    res.writeHead(answer.status ?? 200, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json', ...answer.headers })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue,
    respond: (r) => {
      fallback = r
    },
    async waitForRequests(count) {
      await waitUntil(() => requests.length >= count, `${count} request(s) at the fake (got ${requests.length})`)
      return requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
