/** A real HTTP server on 127.0.0.1 for the effect executors' tests: records every request, answers by path. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Seen {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

type Route = (request: IncomingMessage, response: ServerResponse, hits: number) => void

export async function startTestServer(routes: Record<string, Route>) {
  const seen: Seen[] = []
  const hits = new Map<string, number>()
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const path = new URL(request.url!, 'http://x').pathname
      seen.push({ method: request.method!, path, headers: request.headers, body })
      hits.set(path, (hits.get(path) ?? 0) + 1)
      const route = routes[path]
      if (route) route(request, response, hits.get(path)!)
      else response.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    hits: (path: string) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const json = (status: number, body: unknown): Route => (_, response) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
