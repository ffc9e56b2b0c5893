/**
 * Agents on the desk, on real servers (127.0.0.1, port 0): presence (available / away, offline after
 * the heartbeat window on a test clock), self-declared skills, skills routing on claims, the
 * per-agent eligibility marks on the list, and "take next" (most urgent eligible conversation, only
 * for an available agent). Customers are web chat sockets in the example escalation policy with
 * skills on its help menu (desk-fixture.ts `skillsPolicy`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { conversation, deskClient, openChat, skillsPolicy } from './desk-fixture.ts'
import { startTestRuntime, type TestRuntime } from './helpers/index.ts'

let open: { close(): Promise<void> | void }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

async function setup(options: { clock?: () => number; store?: 'memory' | 'sqlite'; dir?: string } = {}) {
  const runtime = await startTestRuntime({ flows: [skillsPolicy('http://127.0.0.1:9')], env: { SWITCHBOARD_HTTP_ALLOW: '127.0.0.1' }, ...options })
  open.push(runtime)
  return { runtime, desk: deskClient(runtime.url) }
}

const labels = { person: 'Talk to a person', vip: 'Personal service', reso: 'Return in Italian' } as const

/** A web chat customer who picked a help-menu option that hands off: tier 1 (no skills), VIP (vip) or Italian returns (italian, returns). */
async function waiting(runtime: TestRuntime, choice: keyof typeof labels) {
  const chat = await openChat(runtime.url)
  open.push({ close: () => chat.customer.close() })
  chat.customer.send({ type: 'message', choice, text: labels[choice] })
  await chat.customer.turn()
  return chat.key
}

const put = (desk: ReturnType<typeof deskClient>, name: string, body: unknown) => desk(`/agents/${encodeURIComponent(name)}`, { method: 'PUT', body })

describe('agents API', () => {
  it('signs agents in with skills and a status, lists them for the supervisor, and refuses bad input with 400', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const { runtime, desk } = await setup({ clock: () => now })

    const ada = await put(desk, 'Ada', { status: 'available', skills: ['vip', ' italian ', 'VIP'] })
    expect(ada).toEqual({ status: 200, body: { name: 'Ada', status: 'available', skills: ['vip', 'italian'], active: 0, lastSeen: now } })
    // A first announcement without a status is available; a later one without skills keeps them.
    expect((await put(desk, 'bob', {})).body).toMatchObject({ name: 'bob', status: 'available', skills: [] })
    now += 1000
    expect((await put(desk, 'Ada', { status: 'away' })).body).toEqual({ name: 'Ada', status: 'away', skills: ['vip', 'italian'], active: 0, lastSeen: now })

    for (const [body, message] of [
      [{ status: 'busy' }, '"status" must be'],
      [{ status: 1 }, '"status" must be'],
      [{ skills: 'vip' }, '"skills" must be an array'],
      [{ skills: [''] }, 'non-empty strings'],
      [{ skills: [7] }, 'non-empty strings'],
      [{ skills: ['x'.repeat(41)] }, 'longer than 40'],
      [{ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'at most 50'],
      [{ status: 'away', role: 'admin' }, 'Unknown field "role"'],
      [['available'], 'must be a JSON object'],
    ] as [unknown, string][]) {
      const answer = await put(desk, 'carla', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body).toMatchObject({ error: 'bad-request', message: expect.stringContaining(message) })
    }
    expect((await put(desk, 'x'.repeat(65), {})).body.message).toContain('longer than 64')
    expect((await put(desk, ' ada', {})).body.message).toContain('spaces')
    expect((await put(desk, 'a\u0007b', {})).status).toBe(400)
    const notJson = await fetch(`${runtime.url}/api/desk/agents/carla`, { method: 'PUT', headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' }, body: '{"status":' })
    expect(notJson.status).toBe(400)

    // The supervisor's list: available first, then away; with each one's active conversations.
    const key = await waiting(runtime, 'vip')
    await put(desk, 'Ada', { status: 'available' })
    expect((await desk(conversation(key) + '/claim', { body: { agent: 'Ada' } })).status).toBe(200)
    await put(desk, 'Ada', { status: 'away' })
    const list = await desk('/agents')
    expect(list.status).toBe(200)
    expect(list.body).toEqual({
      now,
      agents: [
        { name: 'bob', status: 'available', skills: [], active: 0, lastSeen: now - 1000 },
        { name: 'Ada', status: 'away', skills: ['vip', 'italian'], active: 1, lastSeen: now },
      ],
    })
    expect((await desk('/agents')).body.agents.some((a: { name: string }) => a.name === 'carla')).toBe(false)
  })

  it('offers the skills the deployed flows ask for', async () => {
    const { desk } = await setup()
    expect((await desk('/skills')).body).toEqual({ skills: ['italian', 'returns', 'vip'] })
  })

  it('refuses every agent endpoint without the token (401)', async () => {
    const { runtime } = await setup()
    for (const client of [deskClient(runtime.url, null), deskClient(runtime.url, 'not-the-token')]) {
      expect((await client('/agents')).status).toBe(401)
      expect((await client('/skills')).status).toBe(401)
      expect((await client('/agents/ada', { method: 'PUT', body: { status: 'available' } })).status).toBe(401)
      expect((await client('/next', { body: { agent: 'ada' } })).status).toBe(401)
      expect((await client('/conversations?agent=ada')).status).toBe(401)
    }
    expect((await deskClient(runtime.url)('/agents')).body.agents).toEqual([])
  })

  it('counts an agent offline once the heartbeat window (60 s) passes on the clock, and back on the next heartbeat', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const { runtime, desk } = await setup({ clock: () => now })
    await waiting(runtime, 'person')
    await put(desk, 'ada', { status: 'away', skills: ['vip'] })
    now += 59_999
    expect((await desk('/agents')).body.agents[0]).toMatchObject({ name: 'ada', status: 'away' })
    now += 1
    expect((await desk('/agents')).body.agents[0]).toMatchObject({ name: 'ada', status: 'offline', skills: ['vip'], lastSeen: now - 60_000 })
    expect((await desk('/conversations?agent=ada')).body.agent).toEqual({ name: 'ada', status: 'offline', skills: ['vip'] })

    // The heartbeat brings the agent back with the status they chose (away), skills kept.
    expect((await put(desk, 'ada', {})).body).toMatchObject({ status: 'away', skills: ['vip'] })
    expect((await put(desk, 'ada', { status: 'available' })).body.status).toBe('available')
    now += 30_000
    expect((await put(desk, 'ada', { status: 'available', skills: ['vip'] })).body.status).toBe('available')
    now += 45_000
    expect((await desk('/agents')).body.agents[0].status).toBe('available')
    now += 15_000
    expect((await desk('/agents')).body.agents[0].status).toBe('offline')
    const refused = await desk('/next', { body: { agent: 'ada' } })
    expect(refused).toMatchObject({ status: 409, body: { error: 'offline', status: 'offline' } })

    // Signing out is offline at once; the next sign-in says its status again (or is available).
    await put(desk, 'ada', { status: 'available' })
    expect((await put(desk, 'ada', { status: 'offline' })).body.status).toBe('offline')
    expect((await desk('/next', { body: { agent: 'ada' } })).body.error).toBe('offline')
    expect((await put(desk, 'ada', {})).body.status).toBe('available')
    expect((await desk('/next', { body: { agent: 'ada' } })).status).toBe(200)
  })

  it('loses presence on a restart but no queue entry; agents holding conversations stay listed, and a heartbeat re-announces', async () => {
    const now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const first = await setup({ clock: () => now, store: 'sqlite' })
    const vip = await waiting(first.runtime, 'vip')
    const plain = await waiting(first.runtime, 'person')
    await put(first.desk, 'ada', { status: 'available', skills: ['vip'] })
    expect((await first.desk(conversation(vip) + '/claim', { body: { agent: 'ada' } })).status).toBe(200)
    const dir = first.runtime.dir
    open.splice(open.indexOf(first.runtime), 1)
    await first.runtime.close({ keepDir: true })

    const second = await setup({ clock: () => now, store: 'sqlite', dir })
    const listed = (await second.desk('/conversations')).body.conversations.map((c: { id: string; status: string }) => [c.id, c.status])
    expect(listed).toEqual([[plain, 'queued'], [vip, 'active']])
    expect((await second.desk('/agents')).body.agents).toEqual([{ name: 'ada', status: 'offline', skills: [], active: 1, lastSeen: null }])
    expect((await put(second.desk, 'ada', { status: 'available', skills: ['vip'] })).body).toEqual({ name: 'ada', status: 'available', skills: ['vip'], active: 1, lastSeen: now })
  })
})

describe('skills routing', () => {
  it('lets only an agent with every skill a conversation needs claim it; the list marks what each agent may take', async () => {
    const { runtime, desk } = await setup()
    const vip = await waiting(runtime, 'vip')
    const italian = await waiting(runtime, 'reso')
    const plain = await waiting(runtime, 'person')
    await put(desk, 'bob', { status: 'available', skills: ['italian'] })

    const refused = await desk(conversation(italian) + '/claim', { body: { agent: 'bob' } })
    expect(refused).toEqual({ status: 403, body: { error: 'skills', message: 'This conversation needs the skill returns, which bob does not have.', missing: ['returns'] } })
    // An agent who never announced has no skills: conversations without skills only.
    expect((await desk(conversation(vip) + '/claim', { body: { agent: 'eve' } })).body).toMatchObject({ error: 'skills', missing: ['vip'] })
    expect((await desk('/conversations')).body.conversations.every((c: { status: string }) => c.status === 'queued')).toBe(true)

    const marked = (await desk('/conversations?agent=bob')).body
    expect(marked.agent).toEqual({ name: 'bob', status: 'available', skills: ['italian'] })
    expect(marked.conversations.map((c: { id: string; eligible: boolean; missingSkills: string[] }) => [c.id, c.eligible, c.missingSkills])).toEqual([
      [vip, false, ['vip']],
      [italian, false, ['returns']],
      [plain, true, []],
    ])
    expect((await desk('/conversations?agent=bob&eligible=true')).body.conversations.map((c: { id: string }) => c.id)).toEqual([plain])
    expect((await desk('/conversations?agent=bob&eligible=false')).body.conversations.map((c: { id: string }) => c.id)).toEqual([vip, italian])
    expect((await desk('/conversations?eligible=true')).status).toBe(400)
    expect((await desk('/conversations?agent=')).status).toBe(400)
    expect((await desk('/conversations?agent=bob&eligible=yes')).status).toBe(400)

    // Skills compare without regard to case; with both, bob takes the Italian return.
    await put(desk, 'bob', { skills: ['Italian', 'Returns'] })
    expect((await desk(conversation(italian) + '/claim', { body: { agent: 'bob' } })).body).toMatchObject({ status: 'active', agent: 'bob', skills: ['italian', 'returns'] })
    // A conversation without skills is anyone's.
    expect((await desk(conversation(plain) + '/claim', { body: { agent: 'eve' } })).status).toBe(200)
    // Active conversations carry no eligibility marks.
    expect((await desk('/conversations?agent=bob')).body.conversations.find((c: { id: string }) => c.id === italian)).not.toHaveProperty('eligible')
  })

  it('an away agent may still claim a conversation explicitly; only "take next" needs available', async () => {
    const { runtime, desk } = await setup()
    const plain = await waiting(runtime, 'person')
    await put(desk, 'ada', { status: 'away' })
    expect((await desk('/next', { body: { agent: 'ada' } })).body).toMatchObject({ error: 'away', message: expect.stringContaining('away') })
    expect((await desk(conversation(plain) + '/claim', { body: { agent: 'ada' } })).body).toMatchObject({ status: 'active', agent: 'ada' })
  })
})

describe('take next', () => {
  it('claims the most urgent conversation the agent may take: priority, then the longest wait; skipping what the skills do not cover', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const { runtime, desk } = await setup({ clock: () => now })
    const first = await waiting(runtime, 'person') // P5, waits longest
    now += 10_000
    const second = await waiting(runtime, 'person') // P5
    now += 10_000
    const vip = await waiting(runtime, 'vip') // P9, vip
    now += 10_000
    const italian = await waiting(runtime, 'reso') // P6, italian + returns
    now += 10_000

    expect((await desk('/next', { body: {} })).status).toBe(400)
    expect((await desk('/next', { body: { agent: 'nobody' } })).body).toMatchObject({ error: 'offline', message: expect.stringContaining('PUT /api/desk/agents/nobody') })

    await put(desk, 'bob', { status: 'available' })
    await put(desk, 'carla', { status: 'available', skills: ['vip', 'italian', 'returns'] })

    const take = async (agent: string) => (await desk('/next', { body: { agent } })).body
    expect(await take('bob')).toMatchObject({ id: first, status: 'active', agent: 'bob', waitingSeconds: 40 })
    expect(await take('carla')).toMatchObject({ id: vip, agent: 'carla', priority: 9 })
    expect(await take('carla')).toMatchObject({ id: italian, agent: 'carla', priority: 6 })
    await put(desk, 'carla', { status: 'away' })
    const away = await desk('/next', { body: { agent: 'carla' } })
    expect(away).toMatchObject({ status: 409, body: { error: 'away', status: 'away' } })
    expect((await desk('/conversations?status=queued')).body.conversations.map((c: { id: string }) => c.id)).toEqual([second])
    expect(await take('bob')).toMatchObject({ id: second, agent: 'bob' })

    const none = await desk('/next', { body: { agent: 'bob' } })
    expect(none).toEqual({ status: 404, body: { error: 'nothing-eligible', message: 'Nobody is waiting.', waiting: 0 } })
    const vip2 = await waiting(runtime, 'vip')
    const unfit = await desk('/next', { body: { agent: 'bob' } })
    expect(unfit).toEqual({ status: 404, body: { error: 'nothing-eligible', message: "None of the 1 waiting conversation fits bob's skills (none declared).", waiting: 1 } })
    expect((await desk('/agents')).body.agents.map((a: { name: string; active: number }) => [a.name, a.active])).toEqual([['bob', 2], ['carla', 2]])
    expect((await desk(conversation(vip2))).body.status).toBe('queued')
  })

  it('two agents taking next at once get different conversations', async () => {
    const { runtime, desk } = await setup()
    const keys = [await waiting(runtime, 'person'), await waiting(runtime, 'person')]
    await put(desk, 'ada', { status: 'available' })
    await put(desk, 'bob', { status: 'available' })
    const [a, b] = await Promise.all([desk('/next', { body: { agent: 'ada' } }), desk('/next', { body: { agent: 'bob' } })])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(new Set([a.body.id, b.body.id])).toEqual(new Set(keys))
    expect(a.body.agent).toBe('ada')
    expect(b.body.agent).toBe('bob')
  })
})
