/**
 * CORS on the deploy API: the designer on another loopback port (or the origin in
 * SWITCHBOARD_DESIGNER_ORIGIN) may call /api/flows from a browser; other origins get no CORS
 * headers; the token is still required.
 */
import express from 'express'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { designerCors, originAllowed } from '../../runtime/server/cors.ts'
import { startTestRuntime, type TestRuntime } from './helpers/index.ts'

const preflight = (url: string, origin: string) =>
  fetch(`${url}/api/flows`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })

describe('CORS for the designer', () => {
  let runtime: TestRuntime
  beforeAll(async () => {
    runtime = await startTestRuntime()
  })
  afterAll(() => runtime.close())

  it('answers the preflight of a loopback designer without asking for the token', async () => {
    const response = await preflight(runtime.url, 'http://localhost:8080')
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8080')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i)
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/)
  })

  it('lets an allowed origin read answers, including the 401 for a bad token', async () => {
    const ok = await fetch(`${runtime.url}/api/flows`, { headers: { origin: 'http://127.0.0.1:5173', authorization: 'Bearer test-token' } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    const refused = await fetch(`${runtime.url}/api/flows`, { headers: { origin: 'http://localhost:8080', authorization: 'Bearer wrong' } })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:8080')
  })

  it('gives other origins no CORS headers, and their preflight falls through to the token check', async () => {
    const response = await preflight(runtime.url, 'https://evil.example')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.status).toBe(401)
  })

  it('allows the origins SWITCHBOARD_DESIGNER_ORIGIN names', async () => {
    const app = express().use('/api/flows', designerCors('https://designer.example.com/, https://other.example'), (_req, res) => void res.json([]))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const response = await preflight(url, 'https://designer.example.com')
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe('https://designer.example.com')
      expect((await preflight(url, 'https://designer.example.org')).headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      server.close()
    }
  })

  it('tells loopback origins from look-alikes', () => {
    expect(originAllowed('http://localhost', [])).toBe(true)
    expect(originAllowed('http://[::1]:8080', [])).toBe(true)
    expect(originAllowed('http://localhost.evil.example', [])).toBe(false)
    expect(originAllowed('http://127.0.0.1.nip.io:8080', [])).toBe(false)
  })
})
