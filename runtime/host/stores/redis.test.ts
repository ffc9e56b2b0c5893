import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { startRedisServer, type RedisServer } from '../../../test/fixtures/redis-server.ts'
import { commitOf, describeStore, expectWholeCommits, inboundOf, outboundOf, refOf, sessionOf } from '../store.suite.ts'
import { conversationKey } from '../store.ts'
import { connectRedisStore, createRedisStore, parseRedisUrl, RedisUnavailableError } from './redis.ts'

let server: RedisServer
beforeAll(async () => {
  server = await startRedisServer()
})
afterAll(async () => {
  await server?.stop()
})

// one real redis-server for the file; each case its own key prefix
let n = 0
describeStore('redis', async () => {
  const url = server.url(`suite${++n}:`)
  return { store: await connectRedisStore(url), reopen: async () => connectRedisStore(url) }
})

describe('Redis store', () => {
  it('takes the key prefix from the URL, else switchboard:', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/2?prefix=shop:')).toEqual({ url: 'redis://10.0.0.5:6380/2', prefix: 'shop:', where: '10.0.0.5:6380' })
    expect(parseRedisUrl('redis://localhost')).toMatchObject({ prefix: 'switchboard:', where: 'localhost:6379' })
    expect(parseRedisUrl('redis://localhost?prefix=a:', 'b:').prefix).toBe('b:')
  })

  it('keeps every key under its prefix', async () => {
    const store = await connectRedisStore(server.url('scoped:'))
    await store.acceptInbound(inboundOf('m1'))
    await store.commit(commitOf('c1', { inboundId: 'm1', outbound: [outboundOf('o1')], transcript: [{ key: conversationKey(refOf('c1')), at: 1, from: 'bot', text: 'hi' }] }))
    await store.close()
    const raw = new Redis(server.port, '127.0.0.1')
    const keys = await raw.keys('*')
    await raw.quit()
    expect(keys.filter((k) => k.startsWith('scoped:')).length).toBeGreaterThan(5)
    // other tests' prefixes aside, nothing of this store lives outside its prefix
    expect(keys.filter((k) => !/^(scoped|suite\d+|kill|unreachable|order|lazy):/.test(k))).toEqual([])
  })

  it('says clearly when Redis cannot be reached', async () => {
    // a port nobody listens on: the one of a server we start and stop
    const gone = await startRedisServer()
    const url = gone.url('unreachable:')
    await gone.stop()
    const opening = connectRedisStore(url)
    await expect(opening).rejects.toBeInstanceOf(RedisUnavailableError)
    await expect(opening).rejects.toThrow(`cannot reach Redis at 127.0.0.1:${gone.port} (connect ECONNREFUSED`)
  })

  it('answers what was sent before close() (QUIT comes after the pending writes)', async () => {
    const url = server.url('lazy:closing:')
    const store = await connectRedisStore(url)
    const accepted = store.acceptInbound(inboundOf('m1'))
    const committed = store.commit(commitOf('c1', { inboundId: 'm1', expectedSeq: null }))
    await store.close()
    expect(await accepted).toBe(true)
    await committed
    const again = await connectRedisStore(url)
    expect(await again.pendingInbound()).toEqual([])
    expect((await again.getSession(conversationKey(refOf('c1'))))?.seq).toBe(1)
    await again.close()
  })

  it('connects on the first command when created without connecting', async () => {
    const store = createRedisStore(server.url('lazy:'))
    expect(await store.acceptInbound(inboundOf('m1'))).toBe(true)
    expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m1'])
    await store.close()
  })

  it('keeps every acknowledged write when redis-server itself is killed with SIGKILL and restarted from its append-only file', async () => {
    const redis = await startRedisServer()
    try {
      const url = redis.url('kill:')
      const store = await connectRedisStore(url, { redis: { maxRetriesPerRequest: 0 } })
      const done: number[] = []
      let failed = 0
      // five conversations committing side by side until redis-server dies under them
      const run = async (c: number) => {
        for (let i = c; ; i += 5) {
          const contact = `c${c}`
          const key = conversationKey(refOf(contact))
          try {
            await store.acceptInbound(inboundOf(`m${i}`, contact, i))
            await store.commit(
              commitOf(contact, {
                inboundId: `m${i}`,
                session: sessionOf(contact, { seq: i }),
                outbound: [outboundOf(`o${i}`, contact)],
                transcript: [{ key, at: i, from: 'bot', text: `reply ${i}` }],
                timersStarted: [{ key, ref: refOf(contact), timer: `t${i}`, at: i }],
              }),
            )
            done.push(i)
            if (done.length === 300) await redis.kill9()
          } catch {
            failed++
            return
          }
        }
      }
      await Promise.all([0, 1, 2, 3, 4].map(run))
      expect(done.length).toBeGreaterThanOrEqual(300)
      expect(failed).toBe(5)
      await store.close()

      await redis.restart()
      const again = await connectRedisStore(url)
      await expectWholeCommits(again, done)
      await again.close()
    } finally {
      await redis.stop()
    }
  })

  it('keeps the call order of writes across scripts and plain commands', async () => {
    const store = await connectRedisStore(server.url('order:'))
    const writes = [
      store.acceptInbound(inboundOf('m1')),
      store.commit(commitOf('c1', { inboundId: 'm1', expectedSeq: null, outbound: [outboundOf('o1')] })),
      store.updateOutbound('o1', { status: 'sent', attempts: 1, providerId: 'wamid.out.1' }),
      store.recordStatus('wamid.out.1', 'delivered', 2),
      store.commit(commitOf('c1', { expectedSeq: 1, session: sessionOf('c1', { seq: 2 }) })),
    ]
    await Promise.all(writes)
    expect(await store.pendingInbound()).toEqual([])
    expect(await store.pendingOutbound()).toEqual([])
    expect(await store.statuses('wamid.out.1')).toEqual([{ status: 'delivered', at: 2 }])
    expect((await store.getSession(conversationKey(refOf('c1'))))?.seq).toBe(2)
    await store.close()
  })
})
