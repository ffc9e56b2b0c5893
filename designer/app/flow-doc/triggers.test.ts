import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import type { Flow } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { formatFlow } from '../../../schemas/format.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import { applyFlow, createFlowDoc, metaOf, readFlow, triggersOf } from './flow-doc.ts'
import { changeNodeId, createUndoManager, removeNodes, setMeta } from './commands.ts'
import { addTrigger, connectTrigger, freshTriggerId, moveTriggers, pasteTriggers, problemSubject, removeTriggers, renameTrigger, reorderTrigger, triggerCardId, triggerIdOf, updateTrigger } from './triggers.ts'

const me = { user: 'me' }
const other = { user: 'other' }
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/${name}.flow.json`, import.meta.url), 'utf8')) as Flow

const base: Flow = {
  id: 'demo',
  name: 'Demo',
  version: 1,
  channels: ['whatsapp'],
  languages: ['en'],
  defaultLanguage: 'en',
  start: 'hello',
  triggers: [
    { id: 'stop', when: 'keyword', keywords: { en: ['stop'] }, do: 'opt-out' },
    { id: 'agent', when: 'keyword', keywords: { en: ['agent'] }, goto: 'person' },
    { id: 'lost', when: 'no-match', count: 3, goto: 'person' },
  ],
  nodes: [
    { id: 'hello', type: 'message', text: 'Hi', exits: { next: 'person' }, position: { x: 0, y: 0 } },
    { id: 'person', type: 'handoff', queue: 'support', position: { x: 300, y: 0 } },
    { id: 'other', type: 'end', position: { x: 600, y: 0 } },
  ],
} as Flow

/** Two peers of one document, each change delivered to the other once both have edited. */
function pair(flow: Flow) {
  const a = createFlowDoc(flow)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  const sync = () => {
    const [ua, ub] = [Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))]
    Y.applyUpdate(b, ua)
    Y.applyUpdate(a, ub)
  }
  return { a, b, sync }
}

const rule = (doc: Y.Doc, id: string) => readFlow(doc).triggers?.find((t) => t.id === id)

describe('triggers in the flow document', () => {
  it('keeps one Y.Map per trigger and reads every example back exactly, in order, keys in schema order', () => {
    for (const name of ['escalation-policy', 'order-bot', 'feedback-survey']) {
      const flow = example(name)
      const doc = createFlowDoc(flow)
      expect(formatFlow(readFlow(doc)), name).toBe(formatFlow(flow))
      expect(readFlow(doc).triggers, name).toEqual(flow.triggers)
      expect(metaOf(doc).has('triggers'), name).toBe(false)
      expect([...triggersOf(doc).keys()].sort(), name).toEqual(flow.triggers!.map((t) => t.id).sort())
    }
  })

  it('two people editing different triggers at once both keep their edit, and the rule order holds', () => {
    const { a, b, sync } = pair(base)
    updateTrigger(a, 'agent', { keywords: { en: ['agent', 'human'] } }, me)
    connectTrigger(b, 'lost', 'other', other)
    updateTrigger(b, 'lost', { count: 2 }, other)
    sync()
    expect(JSON.stringify(readFlow(a))).toBe(JSON.stringify(readFlow(b)))
    expect(rule(a, 'agent')!.keywords).toEqual({ en: ['agent', 'human'] })
    expect(rule(a, 'lost')).toMatchObject({ count: 2, goto: 'other' })
    expect(readFlow(a).triggers!.map((t) => t.id)).toEqual(['stop', 'agent', 'lost'])
  })

  it('two people editing different fields of one trigger both win', () => {
    const { a, b, sync } = pair(base)
    updateTrigger(a, 'agent', { name: 'Asks for a person' }, me)
    moveTriggers(b, { agent: { x: -400.4, y: 160.6 } }, other)
    sync()
    expect(rule(b, 'agent')).toMatchObject({ name: 'Asks for a person', position: { x: -400, y: 161 } })
    // the same text on both sides: keys come out in schema order whatever order the two edits arrived in
    expect(JSON.stringify(readFlow(a))).toBe(JSON.stringify(readFlow(b)))
  })

  it('rules added by two people at once are both kept, after the existing ones', () => {
    const { a, b, sync } = pair(base)
    addTrigger(a, { id: freshTriggerId(a, 'angry'), when: 'negative', allCaps: true, goto: 'person' }, me)
    addTrigger(b, { id: freshTriggerId(b, 'vip'), when: 'condition', condition: { '==': [{ var: 'tier' }, 'vip'] }, goto: 'person' }, other)
    sync()
    const ids = readFlow(a).triggers!.map((t) => t.id)
    expect(ids.slice(0, 3)).toEqual(['stop', 'agent', 'lost'])
    expect(ids.slice(3).sort()).toEqual(['angry', 'vip'])
    expect(readFlow(b).triggers!.map((t) => t.id)).toEqual(ids)
  })

  it('a reorder and a concurrent edit both survive; the order is written as moved', () => {
    const { a, b, sync } = pair(base)
    reorderTrigger(a, 'lost', 0, me)
    updateTrigger(b, 'agent', { once: true }, other)
    sync()
    expect(readFlow(a).triggers!.map((t) => t.id)).toEqual(['lost', 'stop', 'agent'])
    expect(rule(a, 'agent')!.once).toBe(true)
    expect(readFlow(b)).toEqual(readFlow(a))
  })

  it('undo takes back only my own trigger edits', () => {
    const doc = createFlowDoc(base)
    const undo = createUndoManager(doc, me)
    updateTrigger(doc, 'agent', { name: 'Mine' }, me)
    updateTrigger(doc, 'lost', { name: 'Theirs' }, other)
    undo.stopCapturing()
    removeTriggers(doc, ['stop'], me)
    expect(readFlow(doc).triggers!.map((t) => t.id)).toEqual(['agent', 'lost'])
    undo.undo()
    expect(readFlow(doc).triggers!.map((t) => t.id)).toEqual(['stop', 'agent', 'lost'])
    undo.undo()
    expect(rule(doc, 'agent')!.name).toBeUndefined()
    expect(rule(doc, 'lost')!.name).toBe('Theirs')
  })

  it('connects to nodes only, and a connected rule no longer opts out', () => {
    const doc = createFlowDoc(base)
    connectTrigger(doc, 'agent', 'nowhere', me)
    expect(rule(doc, 'agent')!.goto).toBe('person')
    connectTrigger(doc, 'stop', 'other', me)
    expect(rule(doc, 'stop')).toMatchObject({ goto: 'other' })
    expect(rule(doc, 'stop')!.do).toBeUndefined()
    connectTrigger(doc, 'agent', undefined, me)
    expect(rule(doc, 'agent')!.goto).toBeUndefined()
  })

  it('follows node renames and removals: no rule points at a node that is gone', () => {
    const doc = createFlowDoc(base)
    changeNodeId(doc, 'person', 'agents', me)
    expect(rule(doc, 'agent')!.goto).toBe('agents')
    removeNodes(doc, ['agents'], me)
    expect(readFlow(doc).triggers!.every((t) => t.goto === undefined)).toBe(true)
    expect(validateFlow(readFlow(doc)).some((p) => p.code === 'trigger-to-unknown-node')).toBe(false)
  })

  it('renames a rule in place, refusing a taken or malformed id', () => {
    const doc = createFlowDoc(base)
    expect(renameTrigger(doc, 'agent', 'lost', me)).toBe(false)
    expect(renameTrigger(doc, 'agent', 'a b', me)).toBe(false)
    expect(renameTrigger(doc, 'agent', 'person-please', me)).toBe(true)
    expect(readFlow(doc).triggers!.map((t) => t.id)).toEqual(['stop', 'person-please', 'lost'])
    expect(rule(doc, 'person-please')).toMatchObject({ when: 'keyword', goto: 'person' })
  })

  it('pastes copies with fresh ids, keeping the target when it exists', () => {
    const doc = createFlowDoc(base)
    const copies = pasteTriggers(doc, [{ ...base.triggers![1], position: { x: 10, y: 10 } }, { id: 'x', when: 'no-match', count: 1, goto: 'gone' }], { x: 32, y: 32 }, new Map(), me)
    expect(copies).toEqual(['agent-2', 'x'])
    expect(rule(doc, 'agent-2')).toMatchObject({ goto: 'person', position: { x: 42, y: 42 } })
    expect(rule(doc, 'x')!.goto).toBeUndefined()
  })

  it('applyFlow (code view, file on disk) changes only the trigger that differs', () => {
    const { a, b, sync } = pair(base)
    const edited = structuredClone(base)
    edited.triggers![2].count = 5
    applyFlow(a, edited, 'file')
    updateTrigger(b, 'agent', { name: 'Live edit' }, other)
    sync()
    expect(rule(a, 'lost')!.count).toBe(5)
    expect(rule(a, 'agent')!.name).toBe('Live edit')
    applyFlow(a, { ...edited, triggers: undefined }, 'file')
    expect(readFlow(a).triggers).toBeUndefined()
  })

  it('keeps a list it cannot key (duplicate ids, an empty list) as it is, and keys an old document on the first edit', () => {
    const duplicates = { ...base, triggers: [base.triggers![1], { ...base.triggers![2], id: 'agent' }] } as Flow
    expect(readFlow(createFlowDoc(duplicates)).triggers).toEqual(duplicates.triggers)
    expect(readFlow(createFlowDoc({ ...base, triggers: [] })).triggers).toEqual([])
    // A document saved before triggers had Y.Maps holds them as one value in meta.
    const old = createFlowDoc({ ...base, triggers: undefined })
    metaOf(old).set('triggers', structuredClone(base.triggers))
    expect(readFlow(old).triggers).toEqual(base.triggers)
    updateTrigger(old, 'lost', { count: 4 }, me)
    expect(metaOf(old).has('triggers')).toBe(false)
    expect(readFlow(old).triggers!.map((t) => [t.id, t.count])).toEqual([['stop', undefined], ['agent', undefined], ['lost', 4]])
  })

  it('the flow form writes the list through setMeta, one rule at a time', () => {
    const { a, b, sync } = pair(base)
    const list = structuredClone(base.triggers!) as Trigger[]
    list[0].name = 'Stop words'
    setMeta(a, 'triggers', list, me)
    updateTrigger(b, 'lost', { count: 7 }, other)
    sync()
    expect(rule(a, 'stop')!.name).toBe('Stop words')
    expect(rule(a, 'lost')!.count).toBe(7)
  })

  it('names a rule card trigger:<id> and finds the card a problem under /triggers is about', () => {
    expect(triggerCardId('agent')).toBe('trigger:agent')
    expect(triggerIdOf('trigger:agent')).toBe('agent')
    expect(triggerIdOf('agent')).toBeUndefined()
    expect(problemSubject(base, { pointer: '/triggers/1/goto' })).toBe('trigger:agent')
    expect(problemSubject(base, { pointer: '/triggers/2' })).toBe('trigger:lost')
    expect(problemSubject(base, { pointer: '/triggers/9' })).toBeUndefined()
    expect(problemSubject(base, { pointer: '/nodes/0', node: 'hello' })).toBe('hello')
  })
})
