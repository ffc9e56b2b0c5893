// @vitest-environment jsdom
/**
 * The Deploy view in jsdom against a real runtime (memory store, 127.0.0.1 port 0): deploy, the
 * version list, roll back, and the errors people meet: a bad token, a refused flow, no runtime.
 */
import { spawn } from 'node:child_process'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Flow } from '../../schemas/nodes/step.ts'
import { validateFlow } from '../../schemas/validate.ts'
import orderBotJson from '../../examples/order-bot.flow.json' with { type: 'json' }
import type { OpenFlow } from '../../designer/app/contracts.ts'
import { createUndoManager } from '../../designer/app/flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../../designer/app/flow-doc/flow-doc.ts'
import { DeployView } from '../../designer/app/deploy/index.ts'

const orderBot = orderBotJson as unknown as Flow
const repo = process.cwd()

function openFlow(flow: Flow): OpenFlow {
  const origin = {}
  const doc = createFlowDoc(flow)
  return { path: 'order-bot.flow.json', doc, origin, undo: createUndoManager(doc, origin), flow: readFlow(doc), problems: validateFlow(flow) }
}

/** Lets the view's requests finish: bounded polls, no deadline. */
async function until(what: string, condition: () => boolean) {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return
    await act(() => new Promise((resolve) => setTimeout(resolve, 2)))
  }
  throw new Error(`gave up waiting for ${what}`)
}
const text = () => document.body.textContent ?? ''
const versionRows = () => screen.queryAllByRole('row').slice(1).map((row) => row.querySelector('th')!.textContent!.trim())

/**
 * A real runtime in a child process: under jsdom, vitest serves modules the browser way, and the
 * runtime's own file reads (new URL(…, import.meta.url)) need Node's. Started on 127.0.0.1 port 0
 * with the memory store; prints its URL, stops when its stdin closes.
 */
async function startRuntimeProcess(token: string): Promise<{ url: string; close(): Promise<void> }> {
  const script = `
    import { startRuntime } from './runtime/server/runtime.ts'
    import { loadConfig } from './runtime/server/config.ts'
    import { createLogger } from './runtime/server/logger.ts'
    import { Writable } from 'node:stream'
    const logger = createLogger({ level: 'error', destination: new Writable({ write: (_c, _e, done) => done() }) })
    const runtime = await startRuntime(loadConfig({ port: 0, host: '127.0.0.1', store: 'memory' }, { SWITCHBOARD_TOKEN: ${JSON.stringify(token)} }), { logger })
    process.stdout.write(runtime.url + '\\n')
    process.stdin.resume()
    process.stdin.on('end', async () => { await runtime.close(); process.exit(0) })
  `
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      if (out.includes('\n')) resolve(out.trim())
    })
    child.once('exit', (code) => reject(new Error(`the runtime exited (${code})`)))
  })
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.stdin.end()
      }),
  }
}

const activeFlow = async (url: string) => (await (await fetch(`${url}/api/flows/order-bot`, { headers: { authorization: 'Bearer secret-token' } })).json()) as Flow

function setMeta(name: string, content: string) {
  const meta = document.createElement('meta')
  meta.name = name
  meta.content = content
  document.head.append(meta)
}

describe('Deploy view', () => {
  let runtime: Awaited<ReturnType<typeof startRuntimeProcess>>
  beforeAll(async () => {
    runtime = await startRuntimeProcess('secret-token')
  })
  afterAll(() => runtime.close())
  afterEach(() => {
    cleanup()
    localStorage.clear()
    document.head.innerHTML = ''
  })

  it('deploys, lists versions with the active one, and rolls back (settings from the meta tags)', async () => {
    setMeta('switchboard-runtime', runtime.url)
    setMeta('switchboard-token', 'secret-token')
    const view = render(<DeployView open={openFlow(orderBot)} />)
    await until('the empty version list', () => text().includes('Not deployed to this runtime yet'))
    fireEvent.click(screen.getByRole('button', { name: 'Deploy order-bot' }))
    await until('the deploy result', () => text().includes('Deployed order-bot v1.'))
    await until('v1 in the list', () => versionRows().join() === 'v1 active')

    view.rerender(<DeployView open={openFlow({ ...orderBot, name: 'Order bot 2' })} />)
    fireEvent.click(screen.getByRole('button', { name: 'Deploy order-bot' }))
    await until('v2', () => text().includes('Deployed order-bot v2.') && versionRows().join() === 'v2 active,v1')
    expect((await activeFlow(runtime.url)).name).toBe('Order bot 2')

    fireEvent.click(screen.getByRole('button', { name: 'Roll back to v1' }))
    await until('the rollback', () => text().includes('Rolled order-bot back to v1.') && versionRows().join() === 'v2,v1 active')
    expect((await activeFlow(runtime.url)).name).toBe('Order bot')
    const active = screen.getAllByRole('row').find((row) => row.getAttribute('aria-current'))!
    expect(within(active).getByText('active')).toBeTruthy()
  })

  it('asks for the runtime once, remembers it, and says so when the token is wrong', async () => {
    render(<DeployView open={openFlow(orderBot)} />)
    fireEvent.change(screen.getByLabelText('Runtime URL'), { target: { value: runtime.url } })
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wrong-token' } })
    fireEvent.submit(screen.getByRole('form', { name: 'Runtime settings' }))
    expect(JSON.parse(localStorage.getItem('switchboard.deploy.runtime')!)).toEqual({ url: runtime.url, token: 'wrong-token' })
    await until('the list error', () => text().includes('refused the token (401)'))
    fireEvent.click(screen.getByRole('button', { name: /Deploy/ }))
    await until('the deploy error', () => screen.queryByRole('alert') !== null)
    expect(screen.getByRole('alert').textContent).toMatch(/refused the token \(401\)/)

    cleanup()
    render(<DeployView open={openFlow(orderBot)} />)
    expect(screen.queryByRole('form', { name: 'Runtime settings' })).toBeNull()
    expect(text()).toContain(runtime.url)
  })

  it('shows the problems of a refused flow (422) and an unreachable runtime', async () => {
    localStorage.setItem('switchboard.deploy.runtime', JSON.stringify({ url: runtime.url, token: 'secret-token' }))
    const broken = { ...orderBot, id: 'broken-bot', start: 'nowhere' }
    const view = render(<DeployView open={openFlow(broken)} />)
    expect(text()).toMatch(/error.* in Problems; the runtime will refuse it/)
    fireEvent.click(screen.getByRole('button', { name: 'Deploy broken-bot' }))
    await until('the 422', () => screen.queryByRole('alert') !== null)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toMatch(/The runtime refused the flow/)
    expect(within(alert).getByRole('list', { name: 'Problems the runtime found' }).textContent).toMatch(/nowhere/)
    view.unmount()

    const closed = await startRuntimeProcess('other')
    const gone = closed.url
    await closed.close()
    localStorage.setItem('switchboard.deploy.runtime', JSON.stringify({ url: gone, token: 'secret-token' }))
    render(<DeployView open={openFlow(orderBot)} />)
    fireEvent.click(screen.getByRole('button', { name: 'Deploy order-bot' }))
    await until('the unreachable error', () => screen.queryByRole('alert') !== null)
    expect(screen.getByRole('alert').textContent).toContain(`Cannot reach the runtime at ${gone}`)
  })
})
