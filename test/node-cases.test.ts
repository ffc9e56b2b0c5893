/**
 * Runs every node type's table of cases (schemas/nodes/<type>/step.cases.json) through its step,
 * and fails for a registered type that has no cases (goflow's TestActionTypes).
 * A case: { description, node, event, flow?, session?, expect } where expect is the exact StepResult.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nodeTypes } from '../schemas/nodes/index.ts'
import type { Flow, Session, StepEvent } from '../schemas/nodes/step.ts'
import { createStepContext } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { validateFlow } from '../schemas/validate.ts'

interface NodeCase {
  description: string
  node: Record<string, unknown>
  event?: Partial<StepEvent> & { type: StepEvent['type'] }
  flow?: Partial<Flow>
  session?: Partial<Session>
  expect: unknown
}

const casesFile = (type: string) => new URL(`../schemas/nodes/${type}/step.cases.json`, import.meta.url)

describe.each(Object.keys(nodeTypes))('node type %s', (type) => {
  it('has a table of cases', () => {
    expect(existsSync(casesFile(type)), `schemas/nodes/${type}/step.cases.json is missing`).toBe(true)
  })
  if (!existsSync(casesFile(type))) return
  const cases: NodeCase[] = JSON.parse(readFileSync(casesFile(type), 'utf8'))
  it('has at least three cases', () => expect(cases.length).toBeGreaterThanOrEqual(3))
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_, c) => {
    const flow = { id: 'test', name: 'Test', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: String(c.node.id), nodes: [c.node], ...c.flow } as Flow
    const problems = validateFlow(flow).filter((p) => p.source === 'schema')
    expect(problems, 'the case node must be valid against its schema').toEqual([])
    const session: Session = {
      ...createSession(flow, { id: 's1', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada' }, at: 0 }),
      node: String(c.node.id),
      status: 'waiting',
      ...c.session,
    }
    const event = { at: 0, ...c.event } as StepEvent
    const result = nodeTypes[type].step(c.node, createStepContext(flow, session, event ?? { type: 'node-entered', at: 0 }))
    expect(JSON.parse(JSON.stringify(result))).toEqual(c.expect)
  })
})
