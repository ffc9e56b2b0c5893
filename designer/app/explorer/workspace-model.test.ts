import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatFlow } from '../../../schemas/format.ts'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { moveNodes, renameNode } from '../flow-doc/commands.ts'
import { createWorkbenchStore } from '../state/workbench-state.ts'
import { fakeWorkspace } from './fake-workspace.suite.ts'
import { parseFlowText } from './flow-session.ts'
import { copyName, createWorkspaceModel, flowFileName } from './workspace-model.ts'

const orderBot = readFileSync(new URL('../../../examples/order-bot.flow.json', import.meta.url), 'utf8')
const flowOf = (text: string) => JSON.parse(text) as Flow

function setup(files: Record<string, string> = { 'order-bot.flow.json': orderBot }) {
  const disk = fakeWorkspace(files)
  const store = createWorkbenchStore()
  const log: string[] = []
  const model = createWorkspaceModel(disk.api, store, { saveDelay: 500, frame: (run) => run(), log: (line) => log.push(line) })
  return { disk, store, model, log }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('the Explorer opening and saving flows', () => {
  it('opens a file into a tab with its document, undo, flow and problems', async () => {
    const { store, model } = setup()
    await model.open('order-bot.flow.json')
    expect(store.get()).toMatchObject({ tabs: ['order-bot.flow.json'], active: 'order-bot.flow.json' })
    const open = model.session('order-bot.flow.json')!.getSnapshot().open!
    expect(open.flow.id).toBe('order-bot')
    expect(open.flow.nodes.length).toBe(flowOf(orderBot).nodes.length)
    expect(Array.isArray(open.problems)).toBe(true)
    expect(open.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('writes the canonical text once, 500 ms after the last of several changes, and is "saved" again', async () => {
    const { disk, model } = setup()
    await model.open('order-bot.flow.json')
    const session = model.session('order-bot.flow.json')!
    const open = session.getSnapshot().open!
    const first = open.flow.nodes[0]
    renameNode(open.doc, first.id, 'Hello there', open.origin)
    await vi.advanceTimersByTimeAsync(300)
    moveNodes(open.doc, { [first.id]: { x: 12.4, y: 40 } }, open.origin)
    expect(session.getSnapshot().status).toBe('unsaved')
    expect(session.getSnapshot().open!.flow.nodes[0].name).toBe('Hello there')
    await vi.advanceTimersByTimeAsync(499)
    expect(disk.writes).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(disk.writes).toHaveLength(1)
    const written = disk.writes[0].text
    expect(written).toBe(formatFlow(flowOf(written)))
    expect(flowOf(written).nodes[0]).toMatchObject({ name: 'Hello there', position: { x: 12, y: 40 } })
    expect(session.getSnapshot().status).toBe('saved')
  })

  it('undo after a save writes the file back as it was', async () => {
    const { disk, model } = setup()
    await model.open('order-bot.flow.json')
    const open = model.session('order-bot.flow.json')!.getSnapshot().open!
    renameNode(open.doc, open.flow.nodes[0].id, 'Changed', open.origin)
    await vi.advanceTimersByTimeAsync(500)
    open.undo.undo()
    await vi.advanceTimersByTimeAsync(500)
    expect(disk.files.get('order-bot.flow.json')).toBe(formatFlow(flowOf(orderBot)))
  })

  it('applies a change made on disk to the open document, keeping undo, and does not write it back', async () => {
    const { disk, model, log } = setup()
    const stop = model.watch()
    await model.open('order-bot.flow.json')
    const session = model.session('order-bot.flow.json')!
    const open = session.getSnapshot().open!
    const doc = open.doc
    renameNode(doc, open.flow.nodes[1].id, 'Mine', open.origin)
    await vi.advanceTimersByTimeAsync(500)
    const writes = disk.writes.length
    const outside = flowOf(disk.files.get('order-bot.flow.json')!)
    outside.name = 'Order bot (edited in git)'
    disk.changeOnDisk('order-bot.flow.json', JSON.stringify(outside))
    await vi.advanceTimersByTimeAsync(600)
    const after = session.getSnapshot().open!
    expect(after.doc).toBe(doc)
    expect(after.flow.name).toBe('Order bot (edited in git)')
    expect(disk.writes.length).toBe(writes)
    expect(log.join('\n')).toMatch(/changed on disk/)
    after.undo.undo()
    expect(session.getSnapshot().open!.flow.nodes[1].name).not.toBe('Mine')
    expect(session.getSnapshot().open!.flow.name).toBe('Order bot (edited in git)')
    stop()
  })

  it('ignores the echo of its own write', async () => {
    const { disk, model } = setup()
    model.watch()
    await model.open('order-bot.flow.json')
    const open = model.session('order-bot.flow.json')!.getSnapshot().open!
    renameNode(open.doc, open.flow.nodes[0].id, 'Echo', open.origin)
    await vi.advanceTimersByTimeAsync(500)
    const before = open.undo.undoStack.length
    disk.changeOnDisk('order-bot.flow.json', disk.files.get('order-bot.flow.json')!)
    await vi.advanceTimersByTimeAsync(200)
    expect(open.undo.undoStack.length).toBe(before)
    expect(disk.writes).toHaveLength(1)
  })

  it('opens a file that is not JSON as text, with the reason, and as a flow once repaired', async () => {
    const { model, disk } = setup({ 'broken.flow.json': '{ "id": "broken", ' })
    await model.open('broken.flow.json')
    const session = model.session('broken.flow.json')!
    expect(session.getSnapshot().open).toBeUndefined()
    expect(session.getSnapshot().broken?.error).toMatch(/not valid JSON/)
    await session.writeText(JSON.stringify({ ...flowOf(orderBot), id: 'broken' }))
    expect(session.getSnapshot().broken).toBeUndefined()
    expect(session.getSnapshot().open?.flow.id).toBe('broken')
    expect(disk.files.get('broken.flow.json')).toBe(formatFlow({ ...flowOf(orderBot), id: 'broken' }))
  })

  it('creates, renames, duplicates and deletes files, keeping tabs in step', async () => {
    const { model, store, disk } = setup()
    const path = await model.create('Refund desk', 'blank')
    expect(path).toBe('refund-desk.flow.json')
    expect(store.get().active).toBe(path)
    await model.rename(path, 'refunds')
    expect(store.get().tabs).toEqual(['refunds.flow.json'])
    expect(model.session('refunds.flow.json')!.getSnapshot().open!.path).toBe('refunds.flow.json')
    const copy = await model.duplicate('refunds.flow.json')
    expect(copy).toBe('refunds-copy.flow.json')
    await model.remove('refunds.flow.json')
    expect(store.get().tabs).toEqual([])
    expect([...disk.files.keys()].sort()).toEqual(['order-bot.flow.json', 'refunds-copy.flow.json'])
    expect(store.get().files.map((f) => f.path)).toEqual(['order-bot.flow.json', 'refunds-copy.flow.json'])
  })
})

describe('names', () => {
  it('makes file names from what a person types', () => {
    expect(flowFileName('Order bot')).toBe('order-bot.flow.json')
    expect(flowFileName('  IVR: main menu!  ')).toBe('ivr-main-menu.flow.json')
    expect(flowFileName('')).toBe('flow.flow.json')
    expect(copyName('a.flow.json', new Set(['a-copy.flow.json']))).toBe('a-copy-2.flow.json')
  })

  it('tells a flow from JSON that is not one', () => {
    expect(parseFlowText('[]')).toEqual({ error: expect.stringMatching(/not a flow/) })
    expect('flow' in parseFlowText('{"nodes": []}')).toBe(true)
  })
})
