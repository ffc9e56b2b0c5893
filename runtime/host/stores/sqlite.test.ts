import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from './sqlite.ts'
import { describeStore, refOf } from '../store.suite.ts'
import { conversationKey } from '../store.ts'

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'switchboard-sqlite-')), 'nested', 'dir', 'switchboard.db')

describeStore('sqlite', async () => {
  const path = tempPath()
  return { store: createSqliteStore(path), reopen: async () => createSqliteStore(path) }
})

describe('SQLite store on disk', () => {
  it('creates the folder, uses WAL and records its schema version once', async () => {
    const path = tempPath()
    await (await createSqliteStore(path)).close()
    await (await createSqliteStore(path)).close()
    expect(existsSync(path)).toBe(true)
    const db = new Database(path, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: 2 }])
    db.close()
  })

  it('keeps every commit a process printed as done when it is killed with SIGKILL mid-write', async () => {
    const path = tempPath()
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const script = fileURLToPath(new URL('./testdata/commit-forever.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script, path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const done: number[] = []
    let stderr = ''
    let buffered = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) done.push(Number(line.replace('committed ', '')))
      if (done.length >= 300) child.kill('SIGKILL')
    })
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)))
    expect(signal, stderr).toBe('SIGKILL')
    expect(done.length).toBeGreaterThanOrEqual(300)

    const store = createSqliteStore(path)
    const outbound = new Set((await store.pendingOutbound()).map((o) => o.id))
    const timers = new Set((await store.timers()).map((t) => t.timer))
    const pending = new Set((await store.pendingInbound()).map((r) => r.id))
    const transcript = new Set<string>()
    for (let c = 0; c < 5; c++) for (const e of await store.transcript(conversationKey(refOf(`c${c}`)))) transcript.add(e.text)
    for (const i of done) {
      expect(pending.has(`m${i}`)).toBe(false)
      expect(outbound.has(`o${i}`)).toBe(true)
      expect(timers.has(`t${i}`)).toBe(true)
      expect(transcript.has(`reply ${i}`)).toBe(true)
    }
    // Whatever was in flight is all or nothing: an unprocessed message has none of its effects.
    for (const id of pending) expect(outbound.has(id.replace('m', 'o'))).toBe(false)
    const last = Math.max(...done)
    expect((await store.getSession(conversationKey(refOf(`c${last % 5}`))))!.seq).toBeGreaterThanOrEqual(last)
    await store.close()
  })
})
