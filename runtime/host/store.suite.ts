/**
 * The one behaviour suite every Store implementation passes (memory, SQLite, later Redis).
 * Call describeStore from a `*.test.ts` beside the store; `reopen` (durable stores) adds the restart cases.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { conversationKey, StaleSessionError, type FlowVersionRecord, type QueueEntry, type Store } from './store.ts'
import { commitOf, inboundOf, outboundOf, refOf, sessionOf } from './stores/testdata/records.ts'

export { commitOf, inboundOf, outboundOf, refOf, sessionOf }

export interface StoreFixture {
  store: Store
  /** Opens the same data again (a second connection: `store` may still be open, or closed first). */
  reopen?: () => Promise<Store>
}

const flowOf = (id: string, version: number, active = false): FlowVersionRecord => ({
  id,
  version,
  flow: { id, name: id, version, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: 'hi', nodes: [{ id: 'hi', type: 'message', text: 'Hi' }] } as FlowVersionRecord['flow'],
  deployedAt: 1000 + version,
  source: `${id}.flow.json`,
  active,
})

const queueEntryOf = (contact: string, patch: Partial<QueueEntry> = {}): QueueEntry => {
  const ref = refOf(contact)
  return {
    key: conversationKey(ref), ref, channel: ref.channel, contact: { id: contact }, flow: 'demo', node: 'to-support', queue: 'support', priority: 5, skills: [],
    summary: 'Customer: ' + contact, variables: { order: 'A1' }, enqueuedAt: 1000, alertAt: 61_000, escalateAt: 121_000, status: 'queued', notes: [], ...patch,
  }
}

export function describeStore(name: string, make: () => Promise<StoreFixture>) {
  describe(`Store contract: ${name}`, () => {
    const open: Store[] = []
    const setup = async () => {
      const fixture = await make()
      open.push(fixture.store)
      return fixture
    }
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close()
    })

    it('accepts an inbound id once (provider redelivery is refused)', async () => {
      const { store } = await setup()
      expect(await store.acceptInbound(inboundOf('wamid.1'))).toBe(true)
      expect(await store.acceptInbound(inboundOf('wamid.1', 'c1', 2000))).toBe(false)
      expect(await store.pendingInbound()).toEqual([inboundOf('wamid.1')])
    })

    it('keeps accepted inbound pending, oldest first, until a commit marks it processed', async () => {
      const { store } = await setup()
      await store.acceptInbound(inboundOf('m1', 'c1', 1000))
      await store.acceptInbound(inboundOf('m2', 'c2', 2000))
      await store.acceptInbound(inboundOf('m3', 'c1', 3000))
      expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m1', 'm2', 'm3'])
      await store.commit(commitOf('c1', { inboundId: 'm1' }))
      expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m2', 'm3'])
      expect(await store.acceptInbound(inboundOf('m1'))).toBe(false)
    })

    it('prunes processed inbound ids received before a time, never pending ones', async () => {
      const { store } = await setup()
      await store.acceptInbound(inboundOf('old-done', 'c1', 1000))
      await store.acceptInbound(inboundOf('old-pending', 'c2', 1500))
      await store.acceptInbound(inboundOf('new-done', 'c1', 5000))
      await store.finishInbound('old-done')
      await store.finishInbound('new-done')
      expect(await store.pruneInbound(2000)).toBe(1)
      expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['old-pending'])
      // A pruned id is forgotten (a redelivery that late is accepted again); the newer one is still refused.
      expect(await store.acceptInbound(inboundOf('new-done', 'c1', 5000))).toBe(false)
      expect(await store.acceptInbound(inboundOf('old-done', 'c1', 1000))).toBe(true)
    })

    it('finishInbound marks a message processed without a commit', async () => {
      const { store } = await setup()
      await store.acceptInbound(inboundOf('m1'))
      await store.finishInbound('m1')
      await store.finishInbound('never-seen')
      expect(await store.pendingInbound()).toEqual([])
      expect(await store.getSession(conversationKey(refOf('c1')))).toBeUndefined()
    })

    it('commits session, outbox, transcript and timers together', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      await store.acceptInbound(inboundOf('m1'))
      await store.commit(
        commitOf('c1', {
          inboundId: 'm1',
          outbound: [outboundOf('o1'), outboundOf('o2', 'c1', { status: 'held', error: 'outside 24h window' })],
          transcript: [
            { key, at: 1000, from: 'customer', text: 'hi' },
            { key, at: 1000, from: 'bot', text: 'How can we help?', node: 'menu', data: { options: [{ id: 'a', label: 'A' }] } },
          ],
          timersStarted: [
            { key, ref: refOf('c1'), timer: 'menu:timeout', at: 5000 },
            { key, ref: refOf('c1'), timer: 'sla', at: 9000 },
          ],
        }),
      )
      expect(await store.getSession(key)).toEqual(sessionOf('c1'))
      expect(await store.pendingInbound()).toEqual([])
      expect(await store.pendingOutbound()).toEqual([outboundOf('o1')])
      expect((await store.transcript(key)).map((e) => e.text)).toEqual(['hi', 'How can we help?'])
      expect((await store.transcript(key))[1]).toEqual({ key, at: 1000, from: 'bot', text: 'How can we help?', node: 'menu', data: { options: [{ id: 'a', label: 'A' }] } })
      expect((await store.timers()).map((t) => t.timer).sort()).toEqual(['menu:timeout', 'sla'])

      await store.commit(
        commitOf('c1', {
          session: sessionOf('c1', { seq: 2, node: 'bye' }),
          transcript: [{ key, at: 2000, from: 'bot', text: 'Bye' }],
          timersCancelled: ['menu:timeout', 'sla'],
          timersStarted: [{ key, ref: refOf('c1'), timer: 'sla', at: 12000 }],
        }),
      )
      expect((await store.getSession(key))?.node).toBe('bye')
      expect((await store.transcript(key)).map((e) => e.text)).toEqual(['hi', 'How can we help?', 'Bye'])
      expect(await store.timers()).toEqual([{ key, ref: refOf('c1'), timer: 'sla', at: 12000 }])
      expect(await store.transcript(conversationKey(refOf('c2')))).toEqual([])
    })

    it('a commit that cannot be stored changes nothing', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      await store.acceptInbound(inboundOf('m1'))
      // A BigInt and a function: neither JSON nor structured clone can store this payload.
      const poison = outboundOf('o2', 'c1', { payload: { big: 10n, call() {} } })
      const bad = commitOf('c1', {
        inboundId: 'm1',
        outbound: [outboundOf('o1'), poison],
        transcript: [{ key, at: 1000, from: 'customer', text: 'hi' }],
        timersStarted: [{ key, ref: refOf('c1'), timer: 't', at: 5000 }],
      })
      await expect(store.commit(bad)).rejects.toThrow()
      expect(await store.getSession(key)).toBeUndefined()
      expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m1'])
      expect(await store.pendingOutbound()).toEqual([])
      expect(await store.transcript(key)).toEqual([])
      expect(await store.timers()).toEqual([])
    })

    it('updates outbound records as they are sent, fail and are retried', async () => {
      const { store } = await setup()
      await store.commit(commitOf('c1', { outbound: [outboundOf('o1'), outboundOf('o2'), outboundOf('o3')] }))
      await store.updateOutbound('o1', { status: 'sent', attempts: 1, providerId: 'wamid.out.1' })
      await store.updateOutbound('o2', { status: 'failed', attempts: 1, error: 'HTTP 503' })
      await store.updateOutbound('missing', { status: 'sent' })
      expect((await store.pendingOutbound()).map((o) => o.id)).toEqual(['o3'])
      await store.updateOutbound('o2', { status: 'pending', attempts: 2 })
      const o2 = (await store.pendingOutbound()).find((o) => o.id === 'o2')
      expect(o2).toEqual(outboundOf('o2', 'c1', { attempts: 2, error: 'HTTP 503' }))
    })

    it('records delivery statuses per provider id, in order', async () => {
      const { store } = await setup()
      await store.recordStatus('wamid.1', 'sent', 1000)
      await store.recordStatus('wamid.2', 'failed', 1100, { code: 131047 })
      await store.recordStatus('wamid.1', 'delivered', 1200, { conversation: 'x' })
      await store.recordStatus('wamid.1', 'read', 1300)
      expect(await store.statuses('wamid.1')).toEqual([
        { status: 'sent', at: 1000 },
        { status: 'delivered', at: 1200 },
        { status: 'read', at: 1300 },
      ])
      expect(await store.statuses('wamid.2')).toEqual([{ status: 'failed', at: 1100 }])
      expect(await store.statuses('unknown')).toEqual([])
    })

    it('stores contacts per channel', async () => {
      const { store } = await setup()
      expect(await store.getContact('whatsapp', '3912345')).toBeUndefined()
      await store.putContact({ channel: 'whatsapp', id: '3912345', lastInboundAt: 1000, fields: { name: 'Ada', tier: 'vip' } })
      await store.putContact({ channel: 'voice', id: '3912345', optedOut: true })
      await store.putContact({ channel: 'whatsapp', id: '3912345', optedOut: true, lastInboundAt: 2000, fields: { name: 'Ada' } })
      expect(await store.getContact('whatsapp', '3912345')).toEqual({ channel: 'whatsapp', id: '3912345', optedOut: true, lastInboundAt: 2000, fields: { name: 'Ada' } })
      expect(await store.getContact('voice', '3912345')).toEqual({ channel: 'voice', id: '3912345', optedOut: true })
    })

    it('keeps every flow version with one active per flow', async () => {
      const { store } = await setup()
      await store.saveFlowVersion(flowOf('order-bot', 1))
      await store.setActiveVersion('order-bot', 1)
      await store.saveFlowVersion(flowOf('survey', 1, true))
      await store.saveFlowVersion(flowOf('order-bot', 2))
      await store.setActiveVersion('order-bot', 2)
      const active = (id?: string) => store.flowVersions(id).then((all) => all.filter((f) => f.active).map((f) => `${f.id}@${f.version}`))
      expect(await active()).toEqual(['survey@1', 'order-bot@2'])
      await store.setActiveVersion('order-bot', 1)
      expect(await active('order-bot')).toEqual(['order-bot@1'])
      expect(await active('survey')).toEqual(['survey@1'])
      expect(await store.flowVersions('order-bot')).toEqual([flowOf('order-bot', 1, true), flowOf('order-bot', 2)])
      expect(await store.flowVersions('nothing')).toEqual([])
    })

    it('lists open sessions only', async () => {
      const { store } = await setup()
      await store.commit(commitOf('c1'))
      await store.commit(commitOf('c2', { session: sessionOf('c2', { status: 'handoff' }) }))
      await store.commit(commitOf('c3'))
      await store.commit(commitOf('c3', { session: sessionOf('c3', { status: 'ended', node: null, wait: undefined }) }))
      const sessions = await store.openSessions()
      expect(sessions.map((s) => s.key).sort()).toEqual([conversationKey(refOf('c1')), conversationKey(refOf('c2'))])
      expect(sessions.find((s) => s.key === conversationKey(refOf('c2')))).toEqual({ key: conversationKey(refOf('c2')), ref: refOf('c2'), session: sessionOf('c2', { status: 'handoff' }) })
      expect((await store.getSession(conversationKey(refOf('c3'))))?.status).toBe('ended')
    })

    it('deletes a single timer', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      await store.commit(commitOf('c1', { timersStarted: [{ key, ref: refOf('c1'), timer: 'a', at: 1 }, { key, ref: refOf('c1'), timer: 'b', at: 2 }] }))
      await store.deleteTimer(key, 'a')
      await store.deleteTimer(key, 'missing')
      expect((await store.timers()).map((t) => t.timer)).toEqual(['b'])
    })

    it('puts and removes queue entries with the session, atomically, oldest first', async () => {
      const { store } = await setup()
      await store.commit(commitOf('c2', { session: sessionOf('c2', { status: 'handoff' }), queue: { put: queueEntryOf('c2', { enqueuedAt: 2000 }) } }))
      await store.commit(commitOf('c1', { session: sessionOf('c1', { status: 'handoff' }), queue: { put: queueEntryOf('c1') } }))
      expect((await store.queueEntries()).map((e) => e.contact.id)).toEqual(['c1', 'c2'])
      expect(await store.getQueueEntry(conversationKey(refOf('c1')))).toEqual(queueEntryOf('c1'))
      const claimed = queueEntryOf('c1', { status: 'active', agent: 'ada', claimedAt: 3000, notes: [{ at: 3001, agent: 'ada', text: 'VIP' }] })
      await store.putQueueEntry(claimed)
      expect(await store.getQueueEntry(claimed.key)).toEqual(claimed)
      await store.commit(commitOf('c1', { queue: { remove: true } }))
      expect(await store.getQueueEntry(claimed.key)).toBeUndefined()
      expect((await store.queueEntries()).map((e) => e.contact.id)).toEqual(['c2'])
      const bad = commitOf('c2', { queue: { put: { ...queueEntryOf('c2'), variables: { big: 10n, f() {} } as never } } })
      await expect(store.commit(bad)).rejects.toThrow()
      expect(await store.getQueueEntry(conversationKey(refOf('c2')))).toEqual(queueEntryOf('c2', { enqueuedAt: 2000 }))
    })

    it('hands out copies: mutating what goes in or comes out changes nothing stored', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      const inbound = inboundOf('m1')
      await store.acceptInbound(inbound)
      ;(inbound.event as { text?: string }).text = 'mutated'
      const commit = commitOf('c1', {
        outbound: [outboundOf('o1')],
        transcript: [{ key, at: 1, from: 'bot', text: 'hi', data: { n: 1 } }],
        timersStarted: [{ key, ref: refOf('c1'), timer: 't', at: 5 }],
      })
      await store.commit(commit)
      commit.session.vars.x = 'mutated'
      ;(commit.outbound[0].payload as { to: string }).to = 'mutated'
      commit.timersStarted[0].at = 99
      await store.putContact({ channel: 'whatsapp', id: 'c1', fields: { name: 'Ada' } })
      await store.saveFlowVersion(flowOf('f', 1, true))

      const session = (await store.getSession(key))!
      session.vars.order = 'mutated'
      ;(await store.pendingInbound())[0].ref.contact = 'mutated'
      ;((await store.pendingOutbound())[0].payload as { to: string }).to = 'mutated'
      ;(await store.transcript(key))[0].text = 'mutated'
      ;(await store.timers())[0].at = 99
      ;(await store.openSessions())[0].session.node = 'mutated'
      ;(await store.getContact('whatsapp', 'c1'))!.fields!.name = 'mutated'
      ;(await store.flowVersions('f'))[0].flow.name = 'mutated'
      ;(await store.statuses('none')).push({ status: 'mutated', at: 0 })

      expect(await store.getSession(key)).toEqual(sessionOf('c1'))
      expect(await store.pendingInbound()).toEqual([inboundOf('m1')])
      expect(await store.pendingOutbound()).toEqual([outboundOf('o1')])
      expect(await store.transcript(key)).toEqual([{ key, at: 1, from: 'bot', text: 'hi', data: { n: 1 } }])
      expect(await store.timers()).toEqual([{ key, ref: refOf('c1'), timer: 't', at: 5 }])
      expect((await store.openSessions())[0].session.node).toBe('menu')
      expect((await store.getContact('whatsapp', 'c1'))?.fields).toEqual({ name: 'Ada' })
      expect((await store.flowVersions('f'))[0].flow.name).toBe('f')
      expect(await store.statuses('none')).toEqual([])
    })

    it('accepts many inbound messages at once, refusing every duplicate id, in the same batch too', async () => {
      const { store } = await setup()
      await store.acceptInbound(inboundOf('m0', 'c0', 1000))
      // 60 accepts issued together (one group commit where the store batches), with repeats inside the batch and of an earlier id
      const ids = Array.from({ length: 60 }, (_, i) => `m${i % 25}`)
      const results = await Promise.all(ids.map((id, i) => store.acceptInbound(inboundOf(id, `c${i % 25}`, 1000 + i))))
      const accepted = ids.filter((_, i) => results[i])
      expect(accepted).toEqual(Array.from({ length: 24 }, (_, i) => `m${i + 1}`))
      expect(results.filter((r) => !r)).toHaveLength(36)
      // the first of each id wins and keeps its place: the oldest first
      expect((await store.pendingInbound()).map((r) => [r.id, r.receivedAt])).toEqual([['m0', 1000], ...Array.from({ length: 24 }, (_, i) => [`m${i + 1}`, 1001 + i])])
    })

    it('commits many conversations at once, each durable when its promise resolves, and a bad commit among them fails alone', async () => {
      const fixture = await setup()
      const { store } = fixture
      const contacts = Array.from({ length: 40 }, (_, i) => `c${i}`)
      await Promise.all(contacts.map((c) => store.acceptInbound(inboundOf(`m-${c}`, c))))
      const commits = contacts.map((c) =>
        commitOf(c, {
          inboundId: `m-${c}`,
          outbound: [outboundOf(`o-${c}`, c)],
          transcript: [{ key: conversationKey(refOf(c)), at: 1, from: 'bot', text: `hi ${c}` }],
          contact: { channel: 'whatsapp', id: c, lastInboundAt: 1000 },
        }),
      )
      // c7's commit cannot be stored: it must fail, and only it
      commits[7] = { ...commits[7], outbound: [outboundOf('o-c7', 'c7', { payload: { big: 10n, call() {} } })] }
      const settled = await Promise.allSettled(commits.map((c) => store.commit(c)))
      expect(settled.map((s) => s.status)).toEqual(contacts.map((c) => (c === 'c7' ? 'rejected' : 'fulfilled')))
      const ok = contacts.filter((c) => c !== 'c7')
      // read through a second connection where the store has one, before this one is closed: resolved means written, not queued
      const reader = fixture.reopen ? await fixture.reopen() : store
      if (reader !== store) open.push(reader)
      expect((await reader.pendingInbound()).map((r) => r.id)).toEqual(['m-c7'])
      expect((await reader.pendingOutbound()).map((o) => o.id).sort()).toEqual(ok.map((c) => `o-${c}`).sort())
      for (const c of ok) {
        expect(await reader.getSession(conversationKey(refOf(c)))).toEqual(sessionOf(c))
        expect(await reader.transcript(conversationKey(refOf(c)))).toEqual([{ key: conversationKey(refOf(c)), at: 1, from: 'bot', text: `hi ${c}` }])
        expect(await reader.getContact('whatsapp', c)).toEqual({ channel: 'whatsapp', id: c, lastInboundAt: 1000 })
      }
      expect(await reader.getSession(conversationKey(refOf('c7')))).toBeUndefined()
      expect(await reader.getContact('whatsapp', 'c7')).toBeUndefined()
    })

    it('writes the contact with the commit, atomically', async () => {
      const { store } = await setup()
      await store.putContact({ channel: 'whatsapp', id: 'c1', fields: { name: 'Ada' } })
      await store.commit(commitOf('c1', { contact: { channel: 'whatsapp', id: 'c1', fields: { name: 'Ada' }, lastInboundAt: 2000, optedOut: true } }))
      expect(await store.getContact('whatsapp', 'c1')).toEqual({ channel: 'whatsapp', id: 'c1', fields: { name: 'Ada' }, lastInboundAt: 2000, optedOut: true })
      const bad = commitOf('c1', { session: sessionOf('c1', { node: 'bye' }), contact: { channel: 'whatsapp', id: 'c1', lastInboundAt: 3000 }, outbound: [outboundOf('o1', 'c1', { payload: { big: 10n, call() {} } })] })
      await expect(store.commit(bad)).rejects.toThrow()
      expect((await store.getContact('whatsapp', 'c1'))?.lastInboundAt).toBe(2000)
      expect((await store.getSession(conversationKey(refOf('c1'))))?.node).toBe('menu')
    })

    it('keeps the order of writes issued together: accept, commit, mark sent', async () => {
      const { store } = await setup()
      // not awaited one by one: a batching store must still apply them in call order
      const writes = [
        store.acceptInbound(inboundOf('m1')),
        store.commit(commitOf('c1', { inboundId: 'm1', outbound: [outboundOf('o1'), outboundOf('o2')] })),
        store.updateOutbound('o1', { status: 'sent', attempts: 1, providerId: 'wamid.out.1' }),
        store.updateOutbound('o2', { status: 'failed', attempts: 1, error: 'HTTP 400' }),
        store.acceptInbound(inboundOf('m1')),
      ]
      expect(await Promise.all(writes)).toEqual([true, undefined, undefined, undefined, false])
      expect(await store.pendingInbound()).toEqual([])
      expect(await store.pendingOutbound()).toEqual([])
    })

    it('refuses a commit computed from a session that moved on (optimistic concurrency), writing none of it', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      // a new conversation: must not exist yet
      await store.commit(commitOf('c1', { expectedSeq: null }))
      const again = store.commit(commitOf('c1', { expectedSeq: null, session: sessionOf('c1', { node: 'other' }) }))
      await expect(again).rejects.toBeInstanceOf(StaleSessionError)
      await expect(again).rejects.toMatchObject({ key, reason: 'seq', stored: 1, expected: null })
      // the next event, computed from seq 1
      await store.acceptInbound(inboundOf('m2'))
      await store.commit(commitOf('c1', { expectedSeq: 1, inboundId: 'm2', session: sessionOf('c1', { seq: 2, node: 'track' }), transcript: [{ key, at: 2, from: 'bot', text: 'Order?' }] }))
      // a runtime that read seq 1 too commits late: nothing of it is written
      await store.acceptInbound(inboundOf('m3'))
      const stale = commitOf('c1', {
        expectedSeq: 1,
        inboundId: 'm3',
        session: sessionOf('c1', { seq: 2, node: 'stale' }),
        outbound: [outboundOf('o-stale')],
        transcript: [{ key, at: 3, from: 'bot', text: 'stale' }],
        timersStarted: [{ key, ref: refOf('c1'), timer: 'stale', at: 9 }],
        queue: { put: queueEntryOf('c1') },
        contact: { channel: 'whatsapp', id: 'c1', lastInboundAt: 3 },
      })
      await expect(store.commit(stale)).rejects.toMatchObject({ name: 'StaleSessionError', reason: 'seq', stored: 2, expected: 1 })
      expect((await store.getSession(key))?.node).toBe('track')
      expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m3'])
      expect(await store.pendingOutbound()).toEqual([])
      expect((await store.transcript(key)).map((e) => e.text)).toEqual(['Order?'])
      expect(await store.timers()).toEqual([])
      expect(await store.queueEntries()).toEqual([])
      expect(await store.getContact('whatsapp', 'c1')).toBeUndefined()
      // read again and re-run: accepted
      await store.commit({ ...stale, expectedSeq: 2, session: sessionOf('c1', { seq: 3, node: 'fresh' }) })
      expect((await store.getSession(key))?.node).toBe('fresh')
      expect(await store.pendingInbound()).toEqual([])
      // without expectedSeq the commit is written unchecked
      await store.commit(commitOf('c1', { session: sessionOf('c1', { seq: 1 }) }))
      expect((await store.getSession(key))?.seq).toBe(1)
    })

    it('lets exactly one of two commits computed from the same seq win, when issued together', async () => {
      const fixture = await setup()
      const { store } = fixture
      const key = conversationKey(refOf('c1'))
      await store.commit(commitOf('c1', { expectedSeq: null }))
      // two runtimes on one store where it can be shared (a second connection), else two callers of one
      const other = fixture.reopen ? await fixture.reopen() : store
      if (other !== store) open.push(other)
      const [a, b] = await Promise.allSettled([
        store.commit(commitOf('c1', { expectedSeq: 1, session: sessionOf('c1', { seq: 2, node: 'a' }), transcript: [{ key, at: 2, from: 'bot', text: 'a' }] })),
        other.commit(commitOf('c1', { expectedSeq: 1, session: sessionOf('c1', { seq: 2, node: 'b' }), transcript: [{ key, at: 2, from: 'bot', text: 'b' }] })),
      ])
      expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected'])
      const lost = (a.status === 'rejected' ? a : b) as PromiseRejectedResult
      expect(lost.reason).toBeInstanceOf(StaleSessionError)
      const won = a.status === 'fulfilled' ? 'a' : 'b'
      expect((await store.getSession(key))?.node).toBe(won)
      expect((await other.transcript(key)).map((e) => e.text)).toEqual([won])
      // two new conversations with the same key: one is created, the other refused
      const created = await Promise.allSettled([store.commit(commitOf('c2', { expectedSeq: null })), other.commit(commitOf('c2', { expectedSeq: null }))])
      expect(created.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected'])
      // through one connection (one group commit where the store batches): the first in call order wins, the batch goes on
      const together = await Promise.allSettled([
        store.commit(commitOf('c3', { expectedSeq: null, session: sessionOf('c3', { node: 'first' }) })),
        store.commit(commitOf('c3', { expectedSeq: null, session: sessionOf('c3', { node: 'second' }) })),
        store.commit(commitOf('c4', { expectedSeq: null })),
      ])
      expect(together.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
      expect((await store.getSession(conversationKey(refOf('c3'))))?.node).toBe('first')
      expect(await store.getSession(conversationKey(refOf('c4')))).toEqual(sessionOf('c4'))
    })

    it('refuses a second commit of an inbound message already processed', async () => {
      const { store } = await setup()
      const key = conversationKey(refOf('c1'))
      await store.acceptInbound(inboundOf('m1'))
      await store.commit(commitOf('c1', { expectedSeq: null, inboundId: 'm1', transcript: [{ key, at: 1, from: 'customer', text: 'hi' }] }))
      // the same message replayed by another runtime, computed from the session as it now stands: applied once only
      const twice = store.commit(commitOf('c1', { expectedSeq: 1, inboundId: 'm1', session: sessionOf('c1', { seq: 2 }), transcript: [{ key, at: 1, from: 'customer', text: 'hi' }], outbound: [outboundOf('o1')] }))
      await expect(twice).rejects.toMatchObject({ name: 'StaleSessionError', reason: 'processed' })
      expect((await store.getSession(key))?.seq).toBe(1)
      expect((await store.transcript(key)).map((e) => e.text)).toEqual(['hi'])
      expect(await store.pendingOutbound()).toEqual([])
      // finished without a commit (no flow bound) counts as processed too
      await store.acceptInbound(inboundOf('m2'))
      await store.finishInbound('m2')
      await expect(store.commit(commitOf('c1', { expectedSeq: 1, inboundId: 'm2', session: sessionOf('c1', { seq: 2 }) }))).rejects.toMatchObject({ reason: 'processed' })
    })

    it('keeps everything across close and reopen (durable stores)', async (context) => {
      const fixture = await setup()
      if (!fixture.reopen) return context.skip()
      const { store } = fixture
      const key = conversationKey(refOf('c1'))
      await store.acceptInbound(inboundOf('m1'))
      await store.acceptInbound(inboundOf('m2', 'c2'))
      await store.commit(
        commitOf('c1', {
          inboundId: 'm1',
          outbound: [outboundOf('o1')],
          transcript: [{ key, at: 1, from: 'customer', text: 'hi' }],
          timersStarted: [{ key, ref: refOf('c1'), timer: 't', at: 5 }],
        }),
      )
      await store.recordStatus('wamid.1', 'sent', 1)
      await store.putContact({ channel: 'whatsapp', id: 'c1', optedOut: true })
      await store.saveFlowVersion(flowOf('f', 1, true))
      await store.commit(commitOf('c3', { session: sessionOf('c3', { status: 'handoff' }), queue: { put: queueEntryOf('c3') } }))
      await store.close()

      const again = await fixture.reopen()
      open.push(again)
      expect(await again.acceptInbound(inboundOf('m1'))).toBe(false)
      expect(await again.pendingInbound()).toEqual([inboundOf('m2', 'c2')])
      expect(await again.getSession(key)).toEqual(sessionOf('c1'))
      expect(await again.pendingOutbound()).toEqual([outboundOf('o1')])
      expect(await again.transcript(key)).toEqual([{ key, at: 1, from: 'customer', text: 'hi' }])
      expect(await again.timers()).toEqual([{ key, ref: refOf('c1'), timer: 't', at: 5 }])
      expect(await again.statuses('wamid.1')).toEqual([{ status: 'sent', at: 1 }])
      expect(await again.getContact('whatsapp', 'c1')).toEqual({ channel: 'whatsapp', id: 'c1', optedOut: true })
      expect(await again.flowVersions()).toEqual([flowOf('f', 1, true)])
      expect(await again.queueEntries()).toEqual([queueEntryOf('c3')])
    })
  })
}

/**
 * After a store was killed mid-writes (its process, or the database server), reopened as `store`:
 * every commit acknowledged before the kill (`done`: message i, outbox o{i}, timer t{i}, "reply i" on
 * conversation c{i % 5}) is there whole, and whatever was in flight is all or nothing.
 */
export async function expectWholeCommits(store: Store, done: readonly number[]): Promise<void> {
  const outbound = new Set((await store.pendingOutbound()).map((o) => o.id))
  const timers = new Set((await store.timers()).map((t) => t.timer))
  const pending = new Set((await store.pendingInbound()).map((r) => r.id))
  const transcript = new Set<string>()
  for (let c = 0; c < 5; c++) for (const e of await store.transcript(conversationKey(refOf(`c${c}`)))) transcript.add(e.text)
  for (const i of done) {
    expect(pending.has(`m${i}`)).toBe(false)
    expect(outbound.has(`o${i}`)).toBe(true)
    expect(timers.has(`t${i}`)).toBe(true)
    expect(transcript.has(`reply ${i}`)).toBe(true)
  }
  // an unprocessed message has none of its effects
  for (const id of pending) expect(outbound.has(id.replace('m', 'o'))).toBe(false)
  const last = Math.max(...done)
  expect((await store.getSession(conversationKey(refOf(`c${last % 5}`))))!.seq).toBeGreaterThanOrEqual(last)
}
