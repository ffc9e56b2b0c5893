// @vitest-environment jsdom
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { useStore } from '../state/store.ts'
import { createWorkbenchStore } from '../state/workbench-state.ts'
import { WorkbenchContext } from '../workbench/context.ts'
import { Dialogs } from './dialogs.tsx'
import { Explorer } from './explorer.tsx'
import { fakeWorkspace } from './fake-workspace.suite.ts'
import { createWorkspaceModel } from './workspace-model.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const flow = (id: string) => JSON.stringify({ id, name: id.toUpperCase(), version: 1, channels: ['webchat'], languages: ['en'], defaultLanguage: 'en', start: 'end', nodes: [{ id: 'end', type: 'end' }] })
let root: Root | undefined
afterEach(async () => {
  await act(async () => root?.unmount())
  document.body.innerHTML = ''
})

async function mount() {
  const disk = fakeWorkspace({ 'a.flow.json': flow('a'), 'b.flow.json': flow('b'), 'a.hello.transcript.json': '{}' })
  const store = createWorkbenchStore()
  const model = createWorkspaceModel(disk.api, store, { frame: (run) => run(), log: () => {} })
  const services = { store, model, actions: [], run: () => {} }
  const Host = () => <Dialogs dialog={useStore(store, (s) => s.dialog)} />
  const host = document.body.appendChild(document.createElement('div'))
  root = createRoot(host)
  await act(async () => {
    root!.render(
      <WorkbenchContext.Provider value={services}>
        <Explorer />
        <Host />
      </WorkbenchContext.Provider>,
    )
    await model.refresh()
  })
  const button = (label: string) => [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(label) || b.getAttribute('aria-label') === label)!
  const click = (label: string) => act(async () => button(label).click())
  return { disk, store, model, host, button, click }
}

describe('Explorer', () => {
  it('lists the flow files with their names and test counts, not the transcripts', async () => {
    const { host } = await mount()
    const rows = [...host.querySelectorAll('.file-open')].map((row) => row.textContent)
    expect(rows).toEqual(['a.flow.jsonA1', 'b.flow.jsonB'])
  })

  it('opens a file in a tab on click and marks it current', async () => {
    const { store, host, click } = await mount()
    await click('b.flow.json')
    expect(store.get().active).toBe('b.flow.json')
    expect(host.querySelector('[aria-current="page"]')?.textContent).toContain('b.flow.json')
  })

  it('deletes a file only after confirmation', async () => {
    const { disk, host, click } = await mount()
    await click('Delete a.flow.json')
    expect(host.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Delete a.flow.json?')
    await click('Cancel')
    expect(disk.files.has('a.flow.json')).toBe(true)
    await click('Delete a.flow.json')
    await act(async () => host.querySelector<HTMLFormElement>('form[role="dialog"]')!.requestSubmit())
    expect(disk.files.has('a.flow.json')).toBe(false)
    expect(host.querySelector('[role="dialog"]')).toBeNull()
    expect([...host.querySelectorAll('.file-open')].map((row) => row.textContent)).toEqual(['b.flow.jsonB'])
  })

  it('makes a new flow from a template and opens it', async () => {
    const { disk, store, host, click } = await mount()
    await click('New flow…')
    const input = host.querySelector<HTMLInputElement>('[role="dialog"] input:not([type=radio])')!
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      setValue.call(input, 'Late orders')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    expect(host.textContent).toContain('File: late-orders.flow.json')
    await act(async () => host.querySelector<HTMLFormElement>('form[role="dialog"]')!.requestSubmit())
    expect(disk.files.has('late-orders.flow.json')).toBe(true)
    expect(store.get().active).toBe('late-orders.flow.json')
  })
})
