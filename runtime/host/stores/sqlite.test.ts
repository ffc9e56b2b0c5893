import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from './sqlite.ts'
import { commitOf, describeStore, expectWholeCommits, inboundOf, outboundOf, refOf, sessionOf } from '../store.suite.ts'
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
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: 4 }])
    db.close()
  })

  it('migrates a database of schema 3: the seq of each stored session is taken from it, so commits are checked against it', async () => {
    const path = tempPath()
    const store = createSqliteStore(path)
    await store.commit(commitOf('c1', { session: sessionOf('c1', { seq: 7 }) }))
    await store.close()
    // back to schema 3, as a runtime before optimistic concurrency left it
    const db = new Database(path)
    db.exec('ALTER TABLE sessions DROP COLUMN seq; UPDATE schema_version SET version = 3')
    db.close()
    const migrated = createSqliteStore(path)
    await expect(migrated.commit(commitOf('c1', { expectedSeq: 6, session: sessionOf('c1', { seq: 7 }) }))).rejects.toMatchObject({ reason: 'seq', stored: 7 })
    await migrated.commit(commitOf('c1', { expectedSeq: 7, session: sessionOf('c1', { seq: 8 }) }))
    expect((await migrated.getSession(conversationKey(refOf('c1'))))?.seq).toBe(8)
    await migrated.close()
  })

  it('writes a commit SQLite itself refuses inside a batch on its own: it fails alone, the others of the batch are kept', async () => {
    const store = createSqliteStore(tempPath())
    const key = (c: string) => conversationKey(refOf(c))
    // a transcript line without text breaks a NOT NULL constraint: an error from SQLite, not from serialising
    const broken = commitOf('c1', { inboundId: 'm1', transcript: [{ key: key('c1'), at: 1, from: 'bot', text: null as never }] })
    const accepted = await Promise.all(['m0', 'm1', 'm2'].map((id, i) => store.acceptInbound(inboundOf(id, `c${i}`))))
    expect(accepted).toEqual([true, true, true])
    const settled = await Promise.allSettled([
      store.commit(commitOf('c0', { inboundId: 'm0', outbound: [outboundOf('o0', 'c0')] })),
      store.commit(broken),
      store.commit(commitOf('c2', { inboundId: 'm2', outbound: [outboundOf('o2', 'c2')] })),
      store.acceptInbound(inboundOf('m0')),
      store.acceptInbound(inboundOf('m3', 'c3')),
    ])
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(settled.slice(3).map((s) => (s as PromiseFulfilledResult<boolean>).value)).toEqual([false, true])
    expect((await store.pendingInbound()).map((r) => r.id)).toEqual(['m1', 'm3'])
    expect((await store.pendingOutbound()).map((o) => o.id)).toEqual(['o0', 'o2'])
    expect(await store.getSession(key('c1'))).toBeUndefined()
    await store.close()
  })

  it('writes what is still queued when it is closed', async () => {
    const path = tempPath()
    const store = createSqliteStore(path)
    const accepted = store.acceptInbound(inboundOf('m1'))
    await store.close()
    expect(await accepted).toBe(true)
    const again = createSqliteStore(path)
    expect((await again.pendingInbound()).map((r) => r.id)).toEqual(['m1'])
    await again.close()
  })

  it.each([
    ['one conversation after another', []],
    ['five conversations at once (group commit)', ['--concurrent']],
  ])('keeps every commit a process printed as done when it is killed with SIGKILL mid-write: %s', async (_, flags) => {
    const path = tempPath()
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const script = fileURLToPath(new URL('./testdata/commit-forever.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script, path, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
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
    await expectWholeCommits(store, done)
    await store.close()
  })
})
