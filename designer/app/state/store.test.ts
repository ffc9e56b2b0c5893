// @vitest-environment jsdom
import { act, createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import { createStore, useStore } from './store.ts'
import { createWorkbenchStore, workbenchActions } from './workbench-state.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('store', () => {
  it('merges patches and tells listeners only about real changes', () => {
    const store = createStore({ a: 1, b: 'x' })
    let heard = 0
    const stop = store.subscribe(() => heard++)
    store.set({ a: 1 })
    expect(heard).toBe(0)
    store.set((s) => ({ a: s.a + 1 }))
    expect(store.get()).toEqual({ a: 2, b: 'x' })
    expect(heard).toBe(1)
    stop()
    store.set({ b: 'y' })
    expect(heard).toBe(1)
  })

  it('re-renders a component only when the part it selects changes', async () => {
    const store = createStore({ count: 0, other: 0 })
    let renders = 0
    const Counter = () => {
      renders++
      return createElement('span', null, useStore(store, (s) => s.count))
    }
    const host = document.createElement('div')
    const root = createRoot(host)
    await act(async () => root.render(createElement(Counter)))
    expect(host.textContent).toBe('0')
    await act(async () => store.set({ other: 5 }))
    expect(renders).toBe(1)
    await act(async () => store.set({ count: 3 }))
    expect(host.textContent).toBe('3')
    expect(renders).toBe(2)
    await act(async () => root.unmount())
  })

  it('keeps tabs, the active tab and the selection consistent', () => {
    const store = createWorkbenchStore()
    const act = workbenchActions(store)
    act.openTab('a.flow.json')
    act.select({ nodes: ['n1'] })
    act.openTab('b.flow.json')
    expect(store.get()).toMatchObject({ tabs: ['a.flow.json', 'b.flow.json'], active: 'b.flow.json', selection: { nodes: [] } })
    act.openTab('a.flow.json')
    expect(store.get().tabs).toEqual(['a.flow.json', 'b.flow.json'])
    act.closeTab('a.flow.json')
    expect(store.get().active).toBe('b.flow.json')
    act.renameTab('b.flow.json', 'c.flow.json')
    expect(store.get()).toMatchObject({ tabs: ['c.flow.json'], active: 'c.flow.json' })
    act.closeTab('c.flow.json')
    expect(store.get().active).toBeUndefined()
  })

  it('numbers every reveal request so the same node can be revealed twice', () => {
    const store = createWorkbenchStore()
    const act = workbenchActions(store)
    act.revealNode('n1')
    const first = store.get().revealNode!
    act.revealNode('n1')
    expect(store.get().revealNode!.seq).toBeGreaterThan(first.seq)
    expect(store.get().selection).toEqual({ nodes: ['n1'] })
    act.revealPointer('/nodes/0')
    expect(store.get()).toMatchObject({ codeView: true, revealPointer: { pointer: '/nodes/0' } })
  })
})
