/**
 * Properties that must hold for any input, checked with fast-check (seeded, bounded runs):
 * the validator never throws, the engine never throws on a valid flow whatever arrives, and a flow
 * file survives parse -> serialise unchanged with the same problems.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EngineEvent, Flow } from '../schemas/nodes/step.ts'
import { hasErrors, validateFlow, validateText } from '../schemas/validate.ts'
import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow, generateFlowText } from './fixtures/generate-flow.ts'

const SEED = 20260105
const run = (numRuns: number) => ({ seed: SEED, numRuns })
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

const examplesDir = new URL('../examples/', import.meta.url)
const exampleFlows: Flow[] = existsSync(examplesDir)
  ? readdirSync(examplesDir)
      .filter((f) => f.endsWith('.flow.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')))
  : []

const small = generateFlow({ nodes: 40, seed: 3 })

// ---- the validator -----------------------------------------------------------------------------

type Path = (string | number)[]
function paths(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at]
  const children = Object.entries(value).flatMap(([k, v]) => paths(v, [...at, Array.isArray(value) ? Number(k) : k]))
  return [at, ...children]
}
function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let cursor = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) cursor = cursor?.[key] as Record<string | number, unknown>
  return cursor && typeof cursor === 'object' ? cursor : undefined
}

type Mutation = { kind: 'delete' | 'replace'; pick: number; value: unknown } | { kind: 'duplicate'; pick: number }
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(), value: fc.constant(null) }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
)

function mutate(flow: Flow, mutations: Mutation[]): unknown {
  const copy = structuredClone(flow) as unknown as Record<string, unknown>
  for (const m of mutations) {
    if (m.kind === 'duplicate') {
      const nodes = copy.nodes
      if (Array.isArray(nodes) && nodes.length) nodes.push(structuredClone(nodes[m.pick % nodes.length]))
      continue
    }
    const candidates = paths(copy).filter((p) => p.length > 0)
    if (!candidates.length) continue
    const path = candidates[m.pick % candidates.length]
    const parent = parentOf(copy, path)
    if (!parent) continue
    const key = path[path.length - 1]
    if (m.kind === 'replace') parent[key] = m.value
    else if (Array.isArray(parent)) parent.splice(Number(key), 1)
    else delete parent[key]
  }
  return copy
}

const isProblemList = (problems: unknown) => Array.isArray(problems) && problems.every((p) => typeof p.code === 'string' && typeof p.pointer === 'string')

describe('the validator never throws', () => {
  it('validateFlow on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => isProblemList(validateFlow(value))), run(300))
  })
  it('validateText on any string, and on any JSON text', () => {
    fc.assert(fc.property(fc.string(), (text) => isProblemList(validateText(text).problems)), run(300))
    fc.assert(fc.property(fc.jsonValue(), (value) => isProblemList(validateText(JSON.stringify(value)).problems)), run(200))
  })
  it('on a valid flow with keys deleted, values replaced and nodes duplicated', () => {
    expect(hasErrors(validateFlow(small))).toBe(false)
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const flow = mutate(small, mutations)
        return isProblemList(validateFlow(flow)) && isProblemList(validateText(JSON.stringify(flow)).problems)
      }),
      run(150),
    )
  })
})

// ---- the engine --------------------------------------------------------------------------------

type Recipe =
  | { kind: 'message'; text?: string; choice?: string; digits?: string }
  | { kind: 'timer'; known: boolean; pick: number; name: string }
  | { kind: 'no-input' | 'handoff-ended' | 'conversation-closed' | 'conversation-started' }
  | { kind: 'http'; known: boolean; status: number; body: unknown }

const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('message' as const), text: fc.option(fc.oneof(fc.string(), fc.constantFrom('1', '2', 'yes', 'no', 'agent', 'stop', 'menu', 'ada@example.com', '42', 'AB123456')), { nil: undefined }), choice: fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('track', 'faq', 'agent', '5', 'yes')), { nil: undefined }), digits: fc.option(fc.stringMatching(/^[0-9*#]{1,3}$/), { nil: undefined }) }, { requiredKeys: ['kind'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('timer' as const), known: fc.boolean(), pick: fc.nat(), name: fc.string({ maxLength: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('http' as const), known: fc.boolean(), status: fc.constantFrom(0, 200, 201, 404, 500), body: fc.jsonValue({ maxDepth: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('no-input' as const, 'handoff-ended' as const, 'conversation-closed' as const, 'conversation-started' as const) }) },
)

/** Plays the recipes against a flow; timer and request ids come from what the engine asked for, or are made up. */
function play(flows: Flow[], recipes: Recipe[], gaps: number[]) {
  const lookup = (id: string) => flows.find((f) => f.id === id)
  let session = createSession(flows[0], { id: 's', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada' }, at: T0 })
  const timers: string[] = []
  let at = T0
  recipes.forEach((r, i) => {
    at += gaps[i % gaps.length]
    let event: EngineEvent
    if (r.kind === 'message') event = { type: 'message-received', at, ...(r.text !== undefined && { text: r.text }), ...(r.choice !== undefined && { choice: r.choice }), ...(r.digits !== undefined && { digits: r.digits }) }
    else if (r.kind === 'timer') event = { type: 'timer-fired', at, timer: r.known && timers.length ? timers[r.pick % timers.length] : r.name }
    else if (r.kind === 'http') event = { type: 'http-responded', at, request: r.known ? (session.wait?.request ?? 'none') : 'made-up', status: r.status, body: r.body }
    else event = { type: r.kind, at }
    const result = advance(lookup, session, event)
    expect(Array.isArray(result.actions)).toBe(true)
    for (const a of result.actions) if (a.type === 'start-timer') timers.push(a.timer)
    session = result.session
  })
  return session
}

const engineFlows: [string, Flow[]][] = [
  ['a generated flow', [small]],
  ...exampleFlows.filter((f) => !hasErrors(validateFlow(f))).map((f) => [`examples/${f.id}`, [f, ...exampleFlows.filter((o) => o !== f)]] as [string, Flow[]]),
]

describe.each(engineFlows)('the engine never throws on %s', (_, flows) => {
  it('whatever events arrive, in any order', () => {
    fc.assert(
      fc.property(fc.array(recipe, { minLength: 1, maxLength: 25 }), fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 5 }), (recipes, gaps) => {
        const session = play(flows, recipes, gaps)
        expect(session.seq).toBe(recipes.length)
      }),
      run(60),
    )
  })
})

// ---- parse -> serialise ------------------------------------------------------------------------

describe('a flow file survives parse -> serialise', () => {
  it('for generated flows of any size and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (nodes, seed) => {
        const text = generateFlowText({ nodes, seed })
        const again = JSON.stringify(JSON.parse(text))
        expect(JSON.parse(again)).toEqual(JSON.parse(text))
        expect(validateText(again).problems).toEqual(validateText(text).problems)
      }),
      run(25),
    )
  })
  it.each(exampleFlows.map((f) => [f.id, f] as const))('for examples/%s', (_, flow) => {
    const text = JSON.stringify(flow, null, 2)
    const again = JSON.stringify(JSON.parse(text))
    expect(JSON.parse(again)).toEqual(flow)
    expect(validateText(again).problems).toEqual(validateText(text).problems)
  })
  it('the generator is deterministic', () => {
    expect(generateFlowText({ nodes: 50, seed: 9 })).toBe(generateFlowText({ nodes: 50, seed: 9 }))
  })
})
