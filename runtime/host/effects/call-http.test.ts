import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallHttpAction } from '../../../schemas/nodes/step.ts'
import { isPrivateAddress, createAddressPolicy } from './address-policy.ts'
import { createHttpExecutor, type HttpExecutorOptions } from './call-http.ts'
import { json, startTestServer } from './test-server.ts'

const SECRET = 'sk_live_7Hq9-very-secret'
let server: Awaited<ReturnType<typeof startTestServer>>

beforeAll(async () => {
  server = await startTestServer({
    '/order': json(200, { order: { eta: 'tomorrow' } }),
    '/text': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'),
    '/flaky': (_, response, hits) => (hits === 1 ? json(500, { error: 'boom' }) : json(200, { ok: true }))(_, response, hits),
    '/busy': json(429, { error: 'slow down' }),
    '/down': json(503, { error: 'down' }),
    '/teapot': json(418, { error: 'teapot' }),
    '/slow': () => undefined,
    '/big': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      const chunk = 'x'.repeat(64 * 1024)
      let sent = 0
      const pump = () => {
        while (sent < 32 && response.write(chunk)) sent++
        if (sent < 32) response.once('drain', () => (sent++, pump()))
        else response.end()
      }
      response.on('error', () => undefined)
      pump()
    },
    '/big-declared': (_, response) => response.writeHead(200, { 'content-type': 'text/plain', 'content-length': 5000 }).end('y'.repeat(5000)),
    '/echo': json(200, { received: true }),
    '/redirect': (_, response) => response.writeHead(302, { location: '/order' }).end(),
    '/redirect-out': (_, response) => response.writeHead(302, { location: `http://127.0.0.2:${server.port}/order` }).end(),
  })
})
afterAll(() => server.close())

const call = (path: string, patch: Partial<CallHttpAction> = {}): CallHttpAction => ({
  type: 'call-http',
  request: 'lookup:1',
  method: 'GET',
  url: `${server.url}${path}`,
  headers: {},
  timeoutSeconds: 5,
  retries: 0,
  ...patch,
})

function executor(options: HttpExecutorOptions = {}) {
  const delays: number[] = []
  const execute = createHttpExecutor({ allow: ['127.0.0.1'], env: {}, sleep: async (ms) => void delays.push(ms), ...options })
  return { execute, delays }
}

describe('call-http executor', () => {
  it('parses a JSON answer and returns text otherwise', async () => {
    const { execute } = executor()
    expect(await execute(call('/order'))).toEqual({ status: 200, body: { order: { eta: 'tomorrow' } } })
    expect(await execute(call('/text'))).toEqual({ status: 200, body: 'plain words' })
  })

  it('retries a 500 with back-off and returns the 200 that follows', async () => {
    const { execute, delays } = executor()
    const before = server.hits('/flaky')
    expect(await execute(call('/flaky', { retries: 2 }))).toEqual({ status: 200, body: { ok: true } })
    expect(server.hits('/flaky') - before).toBe(2)
    expect(delays).toEqual([200])
  })

  it('retries 429 and 5xx up to the limit, then answers with the last status; never retries other 4xx', async () => {
    const { execute, delays } = executor({ backoffMs: 100 })
    expect(await execute(call('/busy', { retries: 2 }))).toEqual({ status: 429, body: { error: 'slow down' } })
    expect(server.hits('/busy')).toBe(3)
    expect(delays).toEqual([100, 200])
    expect((await execute(call('/down', { retries: 1 }))).status).toBe(503)
    expect(server.hits('/down')).toBe(2)
    expect(await execute(call('/teapot', { retries: 3 }))).toEqual({ status: 418, body: { error: 'teapot' } })
    expect(server.hits('/teapot')).toBe(1)
  })

  it('times out each attempt and retries', async () => {
    const { execute, delays } = executor()
    expect(await execute(call('/slow', { timeoutSeconds: 0.1, retries: 1 }))).toEqual({ status: 0, error: 'timed out after 0.1s' })
    expect(server.hits('/slow')).toBe(2)
    expect(delays).toEqual([200])
  })

  it('stops reading a response larger than maxBytes', async () => {
    const { execute } = executor({ maxBytes: 100 * 1024 })
    expect(await execute(call('/big', { retries: 2 }))).toEqual({ status: 0, error: 'response too large' })
    expect(server.hits('/big')).toBe(1)
    expect(await executor({ maxBytes: 4096 }).execute(call('/big-declared'))).toEqual({ status: 0, error: 'response too large' })
    expect(await executor({ maxBytes: 5000 }).execute(call('/big-declared'))).toEqual({ status: 200, body: 'y'.repeat(5000) })
  })

  it('fills {{secrets.NAME}} in url, headers and body from the environment', async () => {
    const { execute } = executor({ env: { SHOP_TOKEN: SECRET, SHOP_KEY: 'k1' } })
    const result = await execute(
      call('/echo?key={{secrets.SHOP_KEY}}', {
        method: 'POST',
        headers: { Authorization: 'Bearer {{ secrets.SHOP_TOKEN }}' },
        body: { token: '{{secrets.SHOP_TOKEN}}', items: [{ note: 'key {{secrets.SHOP_KEY}}' }], count: 2 },
      }),
    )
    expect(result).toEqual({ status: 200, body: { received: true } })
    const seen = server.seen.at(-1)!
    expect(seen.method).toBe('POST')
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET}`)
    expect(seen.headers['content-type']).toBe('application/json')
    expect(JSON.parse(seen.body)).toEqual({ token: SECRET, items: [{ note: 'key k1' }], count: 2 })
  })

  it('refuses a call that needs a secret the environment lacks, before sending anything', async () => {
    const { execute } = executor({ env: { OTHER: 'x' } })
    const before = server.seen.length
    expect(await execute(call('/echo', { headers: { Authorization: 'Bearer {{secrets.SHOP_TOKEN}}' } }))).toEqual({ status: 0, error: 'missing secret SHOP_TOKEN' })
    expect(server.seen.length).toBe(before)
  })

  it('refuses loopback and private addresses unless allowed', async () => {
    const before = server.seen.length
    const { execute } = executor({ allow: [] })
    for (const url of [`${server.url}/order`, `http://[::1]:${server.port}/order`, `http://[::ffff:127.0.0.1]:${server.port}/`, 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://0.0.0.0/'])
      expect(await execute(call('', { url, retries: 2 })), url).toEqual({ status: 0, error: 'address not allowed' })
    const resolving = executor({ allow: [], resolve: async () => ['93.184.216.34', '192.168.1.10'] })
    expect(await resolving.execute(call('', { url: 'http://shop.example/orders' }))).toEqual({ status: 0, error: 'address not allowed' })
    expect(await executor({ allow: ['127.0.0.0/8'] }).execute(call('/order'))).toMatchObject({ status: 200 })
    expect(server.seen.length).toBe(before + 1)
  })

  it('checks every redirect hop against the policy', async () => {
    const { execute } = executor()
    expect(await execute(call('/redirect'))).toEqual({ status: 200, body: { order: { eta: 'tomorrow' } } })
    expect(await execute(call('/redirect-out'))).toEqual({ status: 0, error: 'address not allowed' })
  })

  it('speaks http and https only', async () => {
    const { execute } = executor()
    expect(await execute(call('', { url: 'ftp://127.0.0.1/file' }))).toEqual({ status: 0, error: 'only http and https are allowed' })
    expect(await execute(call('', { url: 'file:///etc/passwd' }))).toEqual({ status: 0, error: 'only http and https are allowed' })
  })

  it('never puts a secret value in an error message', async () => {
    const env = { SHOP_TOKEN: SECRET, BAD: `${SECRET}\nX-Injected: 1`, BASE: `not a url ${SECRET}` }
    const failing = executor({ env, fetchImpl: async (url) => Promise.reject(new TypeError(`could not fetch ${String(url)}`)) })
    const results = [
      await failing.execute(call('/order?token={{secrets.SHOP_TOKEN}}')),
      await executor({ env }).execute(call('/order', { headers: { Authorization: '{{secrets.BAD}}' } })),
      await executor({ env }).execute(call('', { url: '{{secrets.BASE}}/orders' })),
      await executor({ env, allow: [] }).execute(call('/order?token={{secrets.SHOP_TOKEN}}')),
    ]
    for (const result of results) {
      expect(result.status).toBe(0)
      expect(result.error).toBeTruthy()
      expect(result.error).not.toContain(SECRET)
    }
    expect(results[0].error).toContain('***')
  })
})

describe('address policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.0.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['93.184.216.34', false],
    ['2606:2800:220:1:248:1893:25c8:1946', false],
  ])('%s private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected)
  })

  it('allows listed host names, addresses and CIDR blocks', async () => {
    const permitted = createAddressPolicy(['crm.internal', '10.1.0.0/16', '::1'], async (host) => (host === 'crm.internal' ? ['10.9.9.9'] : ['10.1.2.3']))
    expect(await permitted(new URL('http://crm.internal/'))).toBe(true)
    expect(await permitted(new URL('http://shop.lan/'))).toBe(true)
    expect(await permitted(new URL('http://10.2.0.1/'))).toBe(false)
    expect(await permitted(new URL('http://[::1]:8080/'))).toBe(true)
  })
})
