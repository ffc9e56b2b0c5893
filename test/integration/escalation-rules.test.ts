/**
 * The example escalation policy's rules on a real runtime (127.0.0.1, port 0), with a web chat
 * customer on a real socket and local recorders standing in for the supervisors' webhook:
 * an angry customer sets off the "Tell the supervisors" Notify node (its address a secret from the
 * environment), a customer writing at night lands in the next-morning queue, and the "waited
 * 3 minutes" rule survives a restart of the runtime (SQLite) and still thanks the customer on time.
 */
import { afterEach, expect, it } from 'vitest'
import example from '../../examples/escalation-policy.flow.json' with { type: 'json' }
import { conversation, deskClient, openChat } from './desk-fixture.ts'
import { startRecorder, startTestRuntime, type Recorder, type TestRuntime } from './helpers/index.ts'

let open: { close(): Promise<void> | void }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

/** Monday 2 March 2026, 10:00 in Rome (open). */
const MORNING = Date.UTC(2026, 2, 2, 9, 0, 0)

async function start(options: { clock: () => number; hooks: Recorder; store?: 'sqlite'; dir?: string }): Promise<TestRuntime> {
  const runtime = await startTestRuntime({
    flows: [structuredClone(example)],
    clock: options.clock,
    store: options.store,
    dir: options.dir,
    env: {
      SWITCHBOARD_HTTP_ALLOW: '127.0.0.1',
      // The Notify node's address is {{secrets.SUPERVISOR_WEBHOOK}}: filled in by the runtime, never in the file.
      SUPERVISOR_WEBHOOK: `${options.hooks.url}/supervisors`,
      SWITCHBOARD_HANDOFF_WEBHOOK: `${options.hooks.url}/handoff`,
    },
  })
  open.push(runtime)
  return runtime
}

async function recorder() {
  const hooks = await startRecorder({ status: 200, body: {} })
  open.push(hooks)
  return hooks
}

it('an angry customer: the supervisors hear it on their webhook (a secret address), the customer gets an apology and a place in tier 1', async () => {
  const hooks = await recorder()
  const runtime = await start({ clock: () => MORNING, hooks })
  const chat = await openChat(runtime.url)
  open.push({ close: () => chat.customer.close() })
  chat.customer.send({ type: 'message', text: 'THIS IS TAKING FOREVER' })
  expect(await chat.customer.turn()).toEqual(["I'm really sorry about this. Let me bring in a colleague right away.", 'Connecting you to a colleague…'])

  await hooks.waitForRequests(2)
  const told = hooks.requests.filter((r) => r.path === '/supervisors')
  expect(told.map((r) => r.json)).toEqual([{ text: 'An upset customer on webchat is being passed to tier 1.', flow: 'escalation-policy', contact: chat.session, language: 'en' }])
  // The helpdesk webhook hears the hand-off, not the team's own notification.
  expect(hooks.requests.filter((r) => r.path === '/handoff').map((r) => (r.json as { event: string }).event)).toEqual(['handoff'])
  const [queued] = (await deskClient(runtime.url)('/conversations')).body.conversations
  expect(queued).toMatchObject({ id: chat.key, queue: 'support-tier1', tier: 1, status: 'queued' })
})

it('a customer writing at night is told the opening hours and waits in the next-morning queue, without a service level', async () => {
  const hooks = await recorder()
  const evening = Date.UTC(2026, 2, 2, 19, 30, 0) // 20:30 in Rome
  const runtime = await start({ clock: () => evening, hooks })
  const chat = await openChat(runtime.url)
  open.push({ close: () => chat.customer.close() })
  expect(chat.opening).toEqual(['Our team is available Monday to Friday, 9:00–18:00 (Rome time).', 'Leave your question here and a colleague will answer as soon as we open.'])
  const [queued] = (await deskClient(runtime.url)('/conversations')).body.conversations
  expect(queued).toMatchObject({ id: chat.key, queue: 'next-morning', priority: 3, sla: { state: 'ok' } })
  expect(queued.sla.escalateAt).toBeUndefined()
})

it('the "waited 3 minutes" rule is durable: after a restart during the wait it still thanks the customer, who keeps their place', async () => {
  let now = MORNING
  const hooks = await recorder()
  const first = await start({ clock: () => now, hooks, store: 'sqlite' })
  const chat = await openChat(first.url)
  chat.customer.send({ type: 'message', text: 'agent' })
  await chat.customer.turn()
  const desk = deskClient(first.url)
  const [before] = (await desk('/conversations')).body.conversations
  chat.customer.close()
  const dir = first.dir
  open.splice(open.indexOf(first), 1)
  await first.close({ keepDir: true })

  now += 150_000
  const second = await start({ clock: () => now, hooks, store: 'sqlite', dir })
  now += 31_000
  await second.host.tick()
  await second.host.idle()
  const lines = (await second.store.transcript(chat.key)).filter((l) => l.from === 'bot').map((l) => l.text)
  expect(lines.at(-1)).toBe("Thanks for waiting. You're next in line, and a colleague will be with you shortly.")
  const [after] = (await deskClient(second.url)('/conversations')).body.conversations
  expect(after).toMatchObject({ id: before.id, queue: 'support-tier1', enqueuedAt: before.enqueuedAt, waitingSeconds: 181, sla: { state: 'alerted', escalateAt: before.sla.escalateAt } })
  const detail = (await deskClient(second.url)(conversation(chat.key))).body
  expect(detail.transcript.map((l: { text: string }) => l.text)).toContain('agent')
})
