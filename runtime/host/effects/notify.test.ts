import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotifyAction } from '../../../schemas/nodes/step.ts'
import { createNotifier } from './notify.ts'
import { json, startTestServer } from './test-server.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer({
    '/hook': json(204, null),
    '/flaky-hook': (request, response, hits) => (hits < 3 ? json(502, {}) : json(200, { ok: true }))(request, response, hits),
    '/gone': json(410, { error: 'gone' }),
  })
})
afterAll(() => server.close())

const alert = (url?: string): NotifyAction => ({ type: 'notify', event: 'sla-alert', url, body: { queue: 'support', waitedSeconds: 120 } })
const notifier = (env: Record<string, string> = {}) => createNotifier({ allow: ['127.0.0.1'], env, sleep: async () => undefined })

describe('notifier', () => {
  it('POSTs the body as JSON, with secrets filled in the url', async () => {
    await notifier({ HOOK: 'hook' })(alert(`${server.url}/{{secrets.HOOK}}`))
    const seen = server.seen.at(-1)!
    expect([seen.method, seen.path, seen.headers['content-type']]).toEqual(['POST', '/hook', 'application/json'])
    expect(JSON.parse(seen.body)).toEqual({ queue: 'support', waitedSeconds: 120 })
  })

  it('retries a failing webhook', async () => {
    await notifier()(alert(`${server.url}/flaky-hook`))
    expect(server.hits('/flaky-hook')).toBe(3)
  })

  it('throws when the webhook refuses, so the outbox marks it failed; without a url there is nothing to do', async () => {
    await expect(notifier()(alert(`${server.url}/gone`))).rejects.toThrow('notify sla-alert failed: HTTP 410')
    expect(server.hits('/gone')).toBe(1)
    await expect(createNotifier({ allow: [] })(alert(`${server.url}/hook`))).rejects.toThrow('address not allowed')
    const before = server.seen.length
    await notifier()(alert())
    expect(server.seen.length).toBe(before)
  })
})
