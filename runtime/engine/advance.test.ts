/**
 * Engine-level checks for nodes whose behaviour spans several events: the wait node's named timer
 * and reply, and the input node's re-prompt. Each drives advance() with the ids the engine emitted.
 */
import { describe, expect, it } from 'vitest'
import type { Action, EngineEvent, Flow, FlowNode, Session, StartTimerAction } from '../../schemas/nodes/step.ts'
import { advance } from './advance.ts'
import { createSession } from './session.ts'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

function flowOf(nodes: FlowNode[]): Flow {
  return { id: 'f', name: 'Test', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: nodes[0].id, nodes }
}

/** Feeds events one after the other; returns the last session and every step's actions. */
function run(flow: Flow, events: EngineEvent[]): { session: Session; turns: Action[][] } {
  let session = createSession(flow, { id: 's', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada' }, at: T0 })
  const turns: Action[][] = []
  for (const event of events) {
    const result = advance(flow, session, event)
    session = result.session
    turns.push(result.actions)
  }
  return { session, turns }
}

const says = (actions: Action[]) => actions.filter((a) => a.type === 'say' || a.type === 'ask').map((a) => (a as { text: string }).text)
const started = (actions: Action[]) => actions.find((a): a is StartTimerAction => a.type === 'start-timer')!

describe('wait node in the engine', () => {
  const pause = (exits: Record<string, string>): FlowNode => ({ id: 'pause', type: 'wait', duration: 'PT10M', saveAs: 'reply', exits })
  const after: FlowNode = { id: 'after', type: 'message', text: 'Still there?' }
  const answered: FlowNode = { id: 'answered', type: 'message', text: 'You said: {{reply}}' }

  it('starts the done timer, and firing it by its id reaches the next node', () => {
    const flow = flowOf([pause({ done: 'after' }), after])
    const first = run(flow, [{ type: 'conversation-started', at: T0 }])
    const timer = started(first.turns[0])
    expect(timer.at).toBe(T0 + 600_000)
    expect(first.session).toMatchObject({ node: 'pause', status: 'waiting', wait: { kind: 'timer' } })
    const fired = advance(flow, first.session, { type: 'timer-fired', timer: timer.timer, at: timer.at })
    expect(says(fired.actions)).toEqual(['Still there?'])
    expect(fired.session.status).toBe('ended')
    expect(fired.session.timers).toEqual({})
  })

  it('ignores messages when replied is not connected, and still finishes on the timer', () => {
    const flow = flowOf([pause({ done: 'after' }), after])
    const { session, turns } = run(flow, [{ type: 'conversation-started', at: T0 }, { type: 'message-received', text: 'hello?', at: T0 + 1000 }])
    expect(turns[1]).toEqual([])
    expect(session).toMatchObject({ node: 'pause', status: 'waiting' })
    const timer = started(turns[0])
    expect(says(advance(flow, session, { type: 'timer-fired', timer: timer.timer, at: timer.at }).actions)).toEqual(['Still there?'])
  })

  it('a reply takes replied, saves the text and cancels the timer', () => {
    const flow = flowOf([pause({ done: 'after', replied: 'answered' }), after, answered])
    const { session, turns } = run(flow, [{ type: 'conversation-started', at: T0 }, { type: 'message-received', text: 'done already', at: T0 + 5000 }])
    const timer = started(turns[0])
    expect(turns[1]).toContainEqual({ type: 'cancel-timer', timer: timer.timer })
    expect(says(turns[1])).toEqual(['You said: done already'])
    expect(session.vars.reply).toBe('done already')
    expect(advance(flow, session, { type: 'timer-fired', timer: timer.timer, at: timer.at }).actions).toEqual([])
  })
})

describe('input node in the engine', () => {
  const ask: FlowNode = { id: 'ask', type: 'input', text: 'How many people?', kind: 'number', saveAs: 'party.size', min: 1, max: 12, invalidText: 'A number from 1 to 12, please.', timeout: 'PT5M', exits: { ok: 'thanks', invalid: 'human', timeout: 'bye' } }
  const thanks: FlowNode = { id: 'thanks', type: 'message', text: 'Table for {{party.size}}.' }
  const human: FlowNode = { id: 'human', type: 'message', text: 'Let me get a colleague.' }
  const bye: FlowNode = { id: 'bye', type: 'message', text: 'Talk soon.' }
  const flow = flowOf([ask, thanks, human, bye])
  const start: EngineEvent = { type: 'conversation-started', at: T0 }

  it('re-prompts after an invalid answer, then saves a valid one and moves on', () => {
    const { session, turns } = run(flow, [start, { type: 'message-received', text: 'lots', at: T0 + 1000 }, { type: 'message-received', text: '4', at: T0 + 2000 }])
    expect(says(turns[0])).toEqual(['How many people?'])
    expect(says(turns[1])).toEqual(['A number from 1 to 12, please.', 'How many people?'])
    expect(says(turns[2])).toEqual(['Table for 4.'])
    expect(session.vars).toEqual({ party: { size: 4 } })
    expect(session.noMatch).toBe(0)
    expect(session.timers).toEqual({})
  })

  it('counts invalid answers as no-match and leaves through invalid after the retries', () => {
    const answers = ['lots', '40', 'zero'].map((text, i): EngineEvent => ({ type: 'message-received', text, at: T0 + (i + 1) * 1000 }))
    const { session, turns } = run(flow, [start, ...answers])
    expect(says(turns[2])).toEqual(['A number from 1 to 12, please.', 'How many people?'])
    expect(says(turns[3])).toEqual(['Let me get a colleague.'])
    expect(session.vars).toEqual({})
    expect(session.status).toBe('ended')
  })

  it('asks again on timeout, then takes the timeout exit', () => {
    const first = run(flow, [start])
    let session = first.session
    let timer = started(first.turns[0])
    const texts: string[][] = []
    for (let i = 0; i < 3; i++) {
      const result = advance(flow, session, { type: 'timer-fired', timer: timer.timer, at: timer.at })
      session = result.session
      texts.push(says(result.actions))
      if (session.status !== 'ended') timer = started(result.actions)
    }
    expect(texts).toEqual([['How many people?'], ['How many people?'], ['Talk soon.']])
  })
})

describe('http node in the engine', () => {
  const lookup: FlowNode = { id: 'lookup', type: 'http', url: 'https://shop.example/orders/{{order}}', responseMap: { eta: '/order/eta' }, exits: { ok: 'tell', error: 'sorry' } }
  const tell: FlowNode = { id: 'tell', type: 'message', text: 'Arriving {{eta}}.' }
  const sorry: FlowNode = { id: 'sorry', type: 'message', text: 'We could not check right now.' }
  const flow = flowOf([lookup, tell, sorry])

  it('calls, waits for the answer to its own request, maps it and moves on', () => {
    const first = run(flow, [{ type: 'conversation-started', at: T0, variables: { order: 42 } }])
    const call = first.turns[0].find((a) => a.type === 'call-http')
    expect(call).toMatchObject({ url: 'https://shop.example/orders/42', method: 'GET' })
    const request = (call as { request: string }).request
    const stale = advance(flow, first.session, { type: 'http-responded', request: 'lookup:0', status: 500, at: T0 + 10 })
    expect(stale.actions).toEqual([])
    const done = advance(flow, stale.session, { type: 'http-responded', request, status: 200, body: { order: { eta: 'tomorrow' } }, at: T0 + 20 })
    expect(says(done.actions)).toEqual(['Arriving tomorrow.'])
  })

  it('takes error when the service could not be reached', () => {
    const first = run(flow, [{ type: 'conversation-started', at: T0 }])
    const request = (first.turns[0].find((a) => a.type === 'call-http') as { request: string }).request
    expect(says(advance(flow, first.session, { type: 'http-responded', request, status: 0, error: 'timeout', at: T0 + 10 }).actions)).toEqual(['We could not check right now.'])
  })
})

describe('secrets stay out of reach of customer input', () => {
  it('a customer typing a secret placeholder does not get it filled by the host', async () => {
    const { advance } = await import('./advance.ts')
    const { createSession } = await import('./session.ts')
    const flow = {
      id: 'f', name: 'F', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: 'ask',
      nodes: [
        { id: 'ask', type: 'input', kind: 'text', text: 'Order number?', saveAs: 'order_id', exits: { ok: 'look' } },
        { id: 'look', type: 'http', method: 'POST', url: 'https://shop.example/orders/{{order_id}}', headers: { authorization: 'Bearer {{secrets.SHOP_TOKEN}}' }, body: { id: '{{order_id}}', note: 'ref {{order_id}}' } },
      ],
    } as never
    let session = createSession(flow, { id: 's', channel: 'whatsapp', contact: { id: 'c' }, at: 0 })
    session = advance(flow, session, { type: 'message-received', at: 1, text: 'hi' }).session
    const { actions } = advance(flow, session, { type: 'message-received', at: 2, text: '{{secrets.SHOP_TOKEN}}' })
    const call = actions.find((a) => a.type === 'call-http') as { url: string; headers: Record<string, string>; body: Record<string, string> }
    const placeholders = JSON.stringify(call).match(/\{\{\s*secrets\.[A-Z_]+\s*\}\}/g)
    expect(placeholders).toEqual(['{{secrets.SHOP_TOKEN}}'])
    expect(call.headers.authorization).toBe('Bearer {{secrets.SHOP_TOKEN}}')
    expect(call.url).not.toMatch(/\{\{secrets/)
    expect(call.body.id).not.toMatch(/\{\{secrets/)
  })
})

describe('no-match escalation', () => {
  it('when the trigger fires, the customer hears the escalation, not a re-ask', async () => {
    const { advance } = await import('./advance.ts')
    const { createSession } = await import('./session.ts')
    const flow = {
      id: 'f', name: 'F', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: 'menu',
      triggers: [{ id: 'lost', when: 'no-match', count: 2, goto: 'sorry' }],
      nodes: [
        { id: 'menu', type: 'menu', text: 'Pick', retries: 5, invalidText: 'Sorry?', options: [{ id: 'a', label: 'Apples' }], exits: { a: 'sorry' } },
        { id: 'sorry', type: 'end', text: 'Let me find a colleague.' },
      ],
    } as never
    let session = createSession(flow, { id: 's', channel: 'whatsapp', contact: { id: 'c' }, at: 0 })
    session = advance(flow, session, { type: 'message-received', at: 1, text: 'hi' }).session
    const first = advance(flow, session, { type: 'message-received', at: 2, text: 'zzz' })
    expect(first.actions.map((a) => a.type)).toEqual(['say', 'ask'])
    const second = advance(flow, first.session, { type: 'message-received', at: 3, text: 'qqq' })
    expect(second.actions.filter((a) => a.type === 'say' || a.type === 'ask')).toEqual([{ type: 'say', node: 'sorry', text: 'Let me find a colleague.' }])
  })
})
