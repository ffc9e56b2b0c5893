/**
 * The simulator's driver without a DOM: a conversation on examples/order-bot.flow.json through the
 * menu to a hand-off, an HTTP call answered from a mock, timers fired by the clock control, the
 * flow edited mid-conversation, and "Save as test" output that is a valid transcript `switchboard test` passes.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../../schemas/nodes/step.ts'
import { Simulation, mockKey, parseMock } from '../../designer/app/simulator/index.ts'
import { runTranscript } from '../../runtime/transcripts/run.ts'
import { transcriptProblems } from '../../runtime/transcripts/files.ts'

const orderBot = JSON.parse(readFileSync(new URL('../../examples/order-bot.flow.json', import.meta.url), 'utf8')) as Flow
const escalation = JSON.parse(readFileSync(new URL('../../examples/escalation-policy.flow.json', import.meta.url), 'utf8')) as Flow
const ivr = JSON.parse(readFileSync(new URL('../../examples/ivr-main-menu.flow.json', import.meta.url), 'utf8')) as Flow

const lastBot = (sim: Simulation) => sim.state.entries.findLast((e) => e.kind === 'bot' && e.options)
function tapLabel(sim: Simulation, label: string) {
  const entry = lastBot(sim)
  const option = entry?.kind === 'bot' ? entry.options?.find((o) => o.label === label) : undefined
  if (!option) throw new Error(`no option ${label}`)
  sim.tap(option)
}
const expectPasses = (sim: Simulation, flow: Flow) => {
  const transcript = sim.transcript(`${flow.id}.flow.json`, 'from the simulator')
  expect(transcriptProblems(transcript)).toEqual([])
  const result = runTranscript(transcript, flow)
  expect(result.mismatches).toEqual([])
  return transcript
}

describe('simulator driver', () => {
  it('walks the menu to a hand-off, and the SLA timer fires on the clock control', () => {
    const sim = new Simulation(orderBot, { channel: 'whatsapp' })
    sim.say('hi')
    expect(sim.state.session.node).toBe('main-menu')
    const menu = lastBot(sim)
    expect(menu?.kind === 'bot' && menu.turn.list?.button).toBe('Choose')
    tapLabel(sim, 'Talk to us')
    expect(sim.state.session.status).toBe('handoff')
    expect(sim.state.entries.some((e) => e.kind === 'bot' && e.turn.note === 'transfers to a human (queue customer-care)')).toBe(true)
    sim.wait(60)
    expect(sim.state.session.status).toBe('handoff')
    sim.wait(600)
    expect(sim.state.session.status).toBe('ended')
    const transcript = expectPasses(sim, orderBot)
    expect(transcript.turns).toContainEqual({ choice: 'agent' })
    expect(transcript.turns).toContainEqual({ after: 'PT1M' })
    expect(transcript.turns).toContainEqual({ after: 'PT10M' })
    expect(transcript.turns.at(-1)).toEqual({ end: 'completed' })
  })

  it('shows what the escalation rules do: the supervisors told, the apology, the thanks after 3 minutes in the queue', () => {
    const sim = new Simulation(escalation, { channel: 'webchat' })
    sim.say('THIS IS RIDICULOUS')
    const infos = () => sim.state.entries.filter((e) => e.kind === 'info').map((e) => (e as { text: string }).text)
    expect(infos()[0]).toBe("⚡ Rule 'Angry or shouting' fired: on to Tell the supervisors")
    expect(infos()).toContainEqual(expect.stringMatching(/^📣 Notification posted to \{\{secrets\.SUPERVISOR_WEBHOOK\}\}: \{"text":"An upset customer on webchat/))
    expect(sim.state.session.status).toBe('handoff')
    sim.wait(180)
    const bots = sim.state.entries.filter((e) => e.kind === 'bot').map((e) => (e as { turn: { text: string } }).turn.text)
    expect(bots).toContain("Thanks for waiting. You're next in line, and a colleague will be with you shortly.")
    expect(infos()).toContain("⚡ Rule 'Waited 3 minutes' fired: on to Thanks for waiting")
    expect(infos()).toContainEqual(expect.stringMatching(/^📣 Service-level alert posted to/))
    expectPasses(sim, escalation)
  })

  it('shows the HTTP call, answers it from the mock, and remembers the mock per URL pattern', () => {
    const sim = new Simulation(orderBot, { channel: 'whatsapp' })
    sim.say('hi')
    tapLabel(sim, 'Track your order')
    sim.say('1234567')
    expect(sim.state.pending).toHaveLength(1)
    const call = sim.state.pending[0]
    expect(`${call.method} ${call.url}`).toBe('GET https://shop.example/api/orders/1234567')
    expect(sim.mockFor(call)).toEqual({ status: 200, body: {} })
    const { answer } = parseMock('{ "status": 200, "body": { "status": "shipped", "eta": "Thursday 8 January" } }')
    sim.answer(call.request, answer)
    expect(sim.state.pending).toEqual([])
    expect(sim.state.session.vars.order_status).toBe('shipped')
    expect(sim.state.entries.some((e) => e.kind === 'bot' && e.turn.text.includes('Order 1234567 is shipped'))).toBe(true)
    tapLabel(sim, 'Main menu')
    tapLabel(sim, 'Track your order')
    sim.say('7654321')
    expect(mockKey(sim.state.pending[0])).toBe('GET https://shop.example/api/orders/*')
    expect(sim.mockFor(sim.state.pending[0])).toEqual(answer)
    sim.answer(sim.state.pending[0].request, sim.mockFor(sim.state.pending[0]))
    const transcript = expectPasses(sim, orderBot)
    expect(transcript.turns.filter((t) => 'http' in t)).toEqual([
      { http: 'GET https://shop.example/api/orders/1234567', respond: answer },
      { http: 'GET https://shop.example/api/orders/7654321', respond: answer },
    ])
  })

  it('fires a waiting timer with "next timer", and restarts on channel and language changes', () => {
    const sim = new Simulation(orderBot, { channel: 'webchat' })
    sim.say('hi')
    tapLabel(sim, 'Track your order')
    expect(sim.state.nextTimer).toBeDefined()
    sim.waitForNextTimer()
    expect(sim.state.turns).toContainEqual({ after: 'PT30M' })
    expectPasses(sim, orderBot)
    sim.restart({ channel: 'voice' })
    expect(sim.state.channel).toBe('webchat')
    expect(sim.state.turns).toEqual([])
    const multilingual = JSON.parse(readFileSync(new URL('../../examples/multilingual.flow.json', import.meta.url), 'utf8')) as Flow
    const other = multilingual.languages.find((l) => l !== multilingual.defaultLanguage)!
    const polyglot = new Simulation(multilingual)
    polyglot.restart({ language: other })
    expect(polyglot.state.language).toBe(other)
    polyglot.say('hello')
    expect(expectPasses(polyglot, multilingual).lang).toBe(other)
  })

  it('keeps the conversation when the flow changes and its node is still there; starts over when it is gone', () => {
    const sim = new Simulation(orderBot, { channel: 'whatsapp' })
    sim.say('hi')
    const edited = structuredClone(orderBot)
    edited.nodes.find((n) => n.id === 'main-menu')!.name = 'Main menu (edited)'
    sim.setFlow(edited)
    expect(sim.state.session.node).toBe('main-menu')
    expect(sim.state.edited).toBe(true)
    const removed = { ...edited, nodes: edited.nodes.filter((n) => n.id !== 'main-menu') }
    sim.setFlow(removed)
    expect(sim.state.session.node).toBeNull()
    expect(sim.state.turns).toEqual([])
    expect(sim.state.entries.at(-1)).toMatchObject({ kind: 'info', text: expect.stringContaining('main-menu') })
  })

  it('presses keys on the phone and saves a voice transcript', () => {
    const sim = new Simulation(ivr)
    expect(sim.state.channel).toBe('voice')
    expect(sim.state.entries.some((e) => e.kind === 'bot' && e.turn.note?.startsWith('listens'))).toBe(true)
    sim.press('1')
    sim.silence()
    sim.close()
    expect(sim.state.session.status).toBe('ended')
    const transcript = expectPasses(sim, ivr)
    expect(transcript.turns).toContainEqual({ press: '1' })
  })
})
