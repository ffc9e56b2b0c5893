/**
 * Live collaboration in real headless Chromium: two people (one browser context each, so nothing is
 * shared but the server) on the same flow of a temporary copy of examples/. Each sees the other's
 * new node, cursor and selection; a viewer cannot change anything; an edit made offline reaches the
 * other after reconnecting; a comment with an @mention appears for the other; undo after a
 * collaborator edited the same node reverts only one's own change. The file on disk is the judge.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startDesigner, type Designer } from '../../designer/server/server.ts'
import type { Flow } from '../../schemas/nodes/step.ts'
import { chromiumArgs } from './helpers/browser.ts'

const FLOW = 'order-bot.flow.json'

let workspace: string
let designer: Designer
let browser: Browser
const users: { name: string; context: BrowserContext; page: Page }[] = []
const problems: string[] = []
let ada: Page
let bob: Page
let adaContext: BrowserContext

async function join_(name: string, options: { remembered?: boolean; token?: string } = {}) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 800 } })
  context.setDefaultTimeout(0)
  await context.route('**/*', (route) => (/^(data|blob|about):/.test(route.request().url()) || new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()))
  await context.addInitScript(() => Object.assign(globalThis, { __sbExposeEditor: true }))
  if (options.remembered) await context.addInitScript((user) => localStorage.setItem('switchboard.user', JSON.stringify(user)), { name, color: '#0b8a6f' })
  const page = await context.newPage()
  page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`))
  // Expected while offline: the socket's errors. Not ours: the inspector's variable list repeats a built-in variable (React's duplicate-key warning).
  const expected = /WebSocket|ERR_INTERNET_DISCONNECTED|Failed to load resource|two children with the same key/
  page.on('console', (message) => message.type() === 'error' && !expected.test(message.text()) && problems.push(`${name}: ${message.text()}`))
  await page.goto(options.token ? `${designer.url}/?token=${options.token}` : designer.url)
  await page.getByRole('button', { name: /^order-bot\.flow\.json/ }).click()
  await page.locator('[data-collab-status="connected"]').waitFor()
  await page.locator('.react-flow__node[data-id="welcome"]').waitFor()
  users.push({ name, context, page })
  return { context, page }
}

const fileFlow = (): Flow => {
  designer.collab.flush()
  return JSON.parse(readFileSync(join(workspace, FLOW), 'utf8'))
}
/** Waits for the file on disk (written through by the server) to satisfy a condition. No wall-clock limit: the test runner's own timeout applies. */
async function untilFile(condition: (flow: Flow) => boolean) {
  while (!condition(fileFlow())) await new Promise((resolve) => setTimeout(resolve, 20))
}
const nodeIn = (flow: Flow, id: string) => flow.nodes.find((n) => n.id === id)
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)

async function addNode(page: Page, type: string) {
  await page.locator('.sb-flow').focus()
  await page.keyboard.press('a')
  await page.getByRole('dialog', { name: 'Add a node' }).waitFor()
  await page.keyboard.type(type)
  await page.keyboard.press('Enter')
}

async function sideBySide(file: string) {
  const shots = await Promise.all([ada, bob].map(async (page) => (await page.screenshot()).toString('base64')))
  const frame = await browser.newPage({ viewport: { width: 2610, height: 800 } })
  await frame.setContent(`<body style="margin:0;display:flex;gap:10px;background:#888">${shots.map((s) => `<img src="data:image/png;base64,${s}">`).join('')}</body>`)
  await frame.screenshot({ path: `test-results/${file}` })
  await frame.close()
}

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  workspace = mkdtempSync(join(tmpdir(), 'switchboard-collab-e2e-'))
  cpSync(join(import.meta.dirname, '..', '..', 'examples'), workspace, { recursive: true })
  designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token: 'edit-token', viewToken: 'view-token', collabDir: join(workspace, '.switchboard') })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  // Ada is asked her name; Bob's browser remembers his.
  const a = await join_('Ada')
  ada = a.page
  adaContext = a.context
  await ada.getByRole('dialog', { name: 'What should collaborators call you?' }).getByLabel('Your name').fill('Ada')
  await ada.getByRole('button', { name: 'Join' }).click()
  bob = (await join_('Bob', { remembered: true })).page
})

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') for (const user of users) await user.page.screenshot({ path: `test-results/collab-failure-${user.name}-${test.task.name.replace(/\W+/g, '-')}.png` }).catch(() => {})
})

afterAll(async () => {
  await browser?.close()
  await designer?.close()
  rmSync(workspace, { recursive: true, force: true })
})

describe('two people on one flow', () => {
  it('see each other in the title and status bars', async () => {
    await bob.locator('.title-bar .sb-presence-name', { hasText: 'Ada' }).waitFor()
    await ada.locator('.title-bar .sb-presence-name', { hasText: 'Bob' }).waitFor()
    expect(await ada.locator('.status-bar .sb-avatar').count()).toBe(2)
  })

  it("see each other's new node, cursor and selection", async () => {
    await addNode(ada, 'Message')
    await node(bob, 'message-1').waitFor()
    await addNode(bob, 'Hand-off')
    await node(ada, 'handoff-1').waitFor()

    const box = (await node(ada, 'main-menu').boundingBox())!
    await ada.mouse.move(box.x + box.width + 60, box.y + 20, { steps: 4 })
    await bob.locator('.sb-cursor[data-peer="Ada"]').waitFor()
    await node(ada, 'welcome').click()
    await bob.locator('.sb-remote-selection[data-peer="Ada"]').waitFor()
    const bobBox = (await node(bob, 'welcome').boundingBox())!
    await bob.mouse.move(bobBox.x + bobBox.width / 2, bobBox.y + bobBox.height + 40, { steps: 4 })
    await ada.locator('.sb-cursor[data-peer="Bob"]').waitFor()
    await sideBySide('collab-presence.png')
    await untilFile((flow) => !!nodeIn(flow, 'message-1') && !!nodeIn(flow, 'handoff-1'))
  })

  it('follows a collaborator by clicking their avatar', async () => {
    await bob.locator('.title-bar').getByRole('button', { name: /^Ada: follow/ }).click()
    await bob.locator('.sb-following', { hasText: 'Following Ada' }).waitFor()
    const before = await bob.locator('.react-flow__viewport').getAttribute('style')
    await ada.locator('.sb-flow').focus()
    await ada.keyboard.press('Shift+f')
    await ada.locator('.react-flow__controls-zoomin').click()
    await bob.waitForFunction((style) => document.querySelector('.react-flow__viewport')?.getAttribute('style') !== style, before)
    await bob.getByRole('button', { name: 'Stop following', exact: true }).click()
    for (const page of [ada, bob]) await page.locator('.react-flow__controls-fitview').click()
  })

  it('share comments with @mentions, resolve and reopen them', async () => {
    await ada.getByRole('button', { name: 'Comment', exact: true }).click()
    await node(ada, 'welcome').click()
    const box = ada.getByRole('textbox', { name: 'New comment' })
    await box.waitFor()
    await box.pressSequentially('Can we say hello first? @Bo')
    await ada.getByRole('option', { name: '@Bob' }).waitFor()
    await box.press('Enter')
    await box.pressSequentially('what do you think')
    expect(await box.inputValue()).toBe('Can we say hello first? @Bob what do you think')
    await ada.getByRole('region', { name: 'New comment' }).getByRole('button', { name: 'Comment', exact: true }).click()

    await bob.locator('.sb-pin').first().waitFor()
    await bob.locator('.sb-pin').first().click()
    const thread = bob.locator('.sb-thread', { hasText: 'Can we say hello first?' })
    await thread.locator('mark.sb-mention.is-me', { hasText: '@Bob' }).waitFor()
    await thread.getByRole('textbox', { name: /^Reply/ }).fill('Yes, @Ada')
    await thread.getByRole('button', { name: 'Reply' }).click()
    await ada.locator('.sb-thread mark.is-me', { hasText: '@Ada' }).waitFor()
    await sideBySide('collab-comments.png')
    await thread.getByRole('button', { name: 'Resolve' }).click()
    await ada.locator('.sb-thread.is-resolved').waitFor()
    await ada.locator('.sb-pin').waitFor({ state: 'detached' })
    await ada.locator('.sb-thread.is-resolved').getByRole('button', { name: 'Reopen' }).click()
    await bob.locator('.sb-pin').first().waitFor()
    designer.collab.flush()
    const comments = JSON.parse(readFileSync(join(workspace, 'order-bot.comments.json'), 'utf8'))
    expect(comments.threads[0].messages[0].mentions).toEqual(['Bob'])
    expect(comments.threads[0].anchor).toEqual({ node: 'welcome' })
  })

  it('undo takes back only your own change, after the other edited the same node', async () => {
    const start = nodeIn(fileFlow(), 'welcome')!.position!
    await node(ada, 'welcome').click()
    await ada.keyboard.press('ArrowRight')
    await ada.keyboard.press('ArrowRight')
    await untilFile((flow) => nodeIn(flow, 'welcome')!.position!.x === start.x + 32)
    await node(bob, 'welcome').click()
    const name = bob.locator('.inspector-pane input[id$="_name"]').first()
    await name.fill('Greeting (Bob)')
    await name.press('Tab')
    await untilFile((flow) => nodeIn(flow, 'welcome')!.name === 'Greeting (Bob)')
    await ada.locator('.title-bar .sb-presence-name', { hasText: 'Bob' }).waitFor()
    await node(ada, 'welcome').click()
    await ada.keyboard.press('Control+z')
    await untilFile((flow) => nodeIn(flow, 'welcome')!.position!.x === start.x)
    expect(nodeIn(fileFlow(), 'welcome')).toMatchObject({ position: start, name: 'Greeting (Bob)' })
  })

  it('keeps the JSON code view and the canvas of both on the one shared document', async () => {
    for (const page of [ada, bob]) await page.getByRole('button', { name: 'Toggle JSON code view' }).click()
    for (const page of [ada, bob]) await page.waitForFunction(() => !!(globalThis as any).__sbCodeEditor?.getModel()?.getValue().includes('"goodbye"'))
    await ada.evaluate(() => {
      const editor = (globalThis as any).__sbCodeEditor
      const model = editor.getModel()
      const at = model.getValue().indexOf('"name": "Goodbye"') + '"name": "'.length
      const start = model.getPositionAt(at)
      const end = model.getPositionAt(at + 'Goodbye'.length)
      editor.focus()
      editor.setSelection({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column })
    })
    await ada.keyboard.type('Farewell')
    await node(bob, 'goodbye').locator('.sb-card-name', { hasText: 'Farewell' }).waitFor()
    await bob.waitForFunction(() => (globalThis as any).__sbCodeEditor.getModel().getValue().includes('"name": "Farewell"'))
    await addNode(bob, 'Set variables')
    await node(ada, 'set-1').waitFor()
    await ada.waitForFunction(() => (globalThis as any).__sbCodeEditor.getModel().getValue().includes('"id": "set-1"'))
    await sideBySide('collab-code-view.png')
    for (const page of [ada, bob]) await page.getByRole('button', { name: 'Toggle JSON code view' }).click()
    await untilFile((flow) => nodeIn(flow, 'goodbye')!.name === 'Farewell' && !!nodeIn(flow, 'set-1'))
  })

  it('keeps an edit made offline and shares it when back online', async () => {
    await adaContext.setOffline(true)
    await ada.locator('[data-collab-status="offline"]').waitFor()
    await addNode(ada, 'End')
    await node(ada, 'end-1').waitFor()
    await ada.locator('.tab.is-dirty').waitFor()
    await sideBySide('collab-offline.png')
    expect(await node(bob, 'end-1').count()).toBe(0)
    await adaContext.setOffline(false)
    await ada.locator('[data-collab-status="connected"]').waitFor()
    await node(bob, 'end-1').waitFor()
    await ada.locator('.tab.is-dirty').waitFor({ state: 'detached' })
    await untilFile((flow) => !!nodeIn(flow, 'end-1'))
  })

  it('gives a viewer the live flow and nothing to change it with; presence clears when they leave', async () => {
    const viewer = (await join_('Vera', { remembered: true, token: 'view-token' })).page
    await viewer.locator('.title-bar-badge', { hasText: 'Read-only' }).waitFor()
    expect(await viewer.locator('.sb-toolbar').isVisible()).toBe(false)
    expect(await viewer.locator('.sb-palette').isVisible()).toBe(false)
    const was = fileFlow()
    await node(viewer, 'goodbye').click()
    await viewer.keyboard.press('Delete')
    const box = (await node(viewer, 'welcome').boundingBox())!
    await viewer.mouse.move(box.x + 20, box.y + 10)
    await viewer.mouse.down()
    await viewer.mouse.move(box.x + 220, box.y + 210, { steps: 6 })
    await viewer.mouse.up()
    expect(await viewer.locator('.inspector-pane fieldset[disabled]').count()).toBe(1)
    // The JSON code view reads along but takes no typing.
    await viewer.getByRole('button', { name: 'Toggle JSON code view' }).click()
    await viewer.waitForFunction(() => !!(globalThis as any).__sbCodeEditor?.getModel()?.getValue().includes('"goodbye"'))
    expect(await viewer.evaluate(() => (globalThis as any).__sbCodeEditor.getRawOptions().readOnly)).toBe(true)
    await viewer.locator('.sb-code-editor .view-lines').click()
    await viewer.keyboard.type('oops')
    expect(await viewer.evaluate(() => (globalThis as any).__sbCodeEditor.getModel().getValue().includes('oops'))).toBe(false)
    await viewer.getByRole('button', { name: 'Toggle JSON code view' }).click()
    // The editors still see everything, and the viewer sees an editor's next change live.
    await addNode(bob, 'Wait')
    await node(viewer, 'wait-1').waitFor()
    expect(await node(viewer, 'goodbye').count()).toBe(1)
    await untilFile((flow) => !!nodeIn(flow, 'wait-1'))
    const after = fileFlow()
    expect(after.nodes.filter((n) => n.id !== 'wait-1')).toEqual(was.nodes)
    await ada.locator('.title-bar .sb-presence-name', { hasText: 'Vera' }).waitFor()
    // Presence is cleared when someone leaves.
    await users.find((u) => u.name === 'Vera')!.context.close()
    await ada.locator('.title-bar .sb-presence-name', { hasText: 'Vera' }).waitFor({ state: 'detached' })
  })

  it('logged no page errors', () => {
    expect(problems).toEqual([])
  })
})
