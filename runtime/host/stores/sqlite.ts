/**
 * The SQLite store: the embedded default (`.switchboard/switchboard.db`), on better-sqlite3 v12.
 *
 * Durability: WAL journal with synchronous=NORMAL. A transaction is committed once its frames are
 * written (write(2)) to the WAL file; that data lives in the OS page cache, which survives the death
 * of the process (kill -9, OOM kill, crash) — only an OS crash or power cut can lose the last few
 * commits before the next checkpoint fsync. DESIGN.md's "kill -9 resumes every conversation" is a
 * process-kill guarantee, so FULL (an fsync per commit) would buy nothing for it and cost a lot;
 * sqlite.test.ts proves it with a real SIGKILL. Even after a power cut WAL+NORMAL leaves the file
 * consistent (whole transactions or none), and each commit stays atomic.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ChannelName, Session } from '../../../schemas/nodes/step.ts'
import { seqConflict, StaleSessionError, type Commit, type ContactRecord, type ConversationRef, type FlowVersionRecord, type InboundRecord, type OutboundRecord, type QueueEntry, type Store, type TimerRecord, type TranscriptEntry } from '../store.ts'

/** Schema changes, applied in order; the index + 1 is the schema version. Only ever append. */
const migrations = [
  `CREATE TABLE inbound (id TEXT PRIMARY KEY, key TEXT NOT NULL, ref TEXT NOT NULL, event TEXT NOT NULL, received_at INTEGER NOT NULL, processed INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX inbound_pending ON inbound (processed) WHERE processed = 0;
   CREATE TABLE sessions (key TEXT PRIMARY KEY, ref TEXT NOT NULL, session TEXT NOT NULL, status TEXT NOT NULL);
   CREATE TABLE outbound (id TEXT PRIMARY KEY, key TEXT NOT NULL, ref TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL,
     status TEXT NOT NULL, attempts INTEGER NOT NULL, provider_id TEXT, error TEXT);
   CREATE INDEX outbound_status ON outbound (status);
   CREATE TABLE statuses (provider_id TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL, detail TEXT);
   CREATE INDEX statuses_provider ON statuses (provider_id);
   CREATE TABLE timers (key TEXT NOT NULL, timer TEXT NOT NULL, ref TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (key, timer));
   CREATE TABLE transcript (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, at INTEGER NOT NULL, sender TEXT NOT NULL,
     text TEXT NOT NULL, node TEXT, data TEXT);
   CREATE INDEX transcript_key ON transcript (key, seq);
   CREATE TABLE contacts (channel TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (channel, id));
   CREATE TABLE flow_versions (id TEXT NOT NULL, version INTEGER NOT NULL, flow TEXT NOT NULL, deployed_at INTEGER NOT NULL,
     source TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (id, version));`,
  `CREATE TABLE queue (key TEXT PRIMARY KEY, status TEXT NOT NULL, enqueued_at INTEGER NOT NULL, entry TEXT NOT NULL);`,
  `CREATE INDEX inbound_processed ON inbound (received_at) WHERE processed = 1;`,
  // the session's version for optimistic concurrency (Commit.expectedSeq), read by key without parsing the session
  `ALTER TABLE sessions ADD COLUMN seq INTEGER;
   UPDATE sessions SET seq = json_extract(session, '$.seq');`,
]

function migrate(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
  db.transaction(() => {
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined
    const current = row?.version ?? 0
    if (current > migrations.length) throw new Error(`database schema version ${current} is newer than this runtime (${migrations.length})`)
    for (const sql of migrations.slice(current)) db.exec(sql)
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(migrations.length)
    else db.prepare('UPDATE schema_version SET version = ?').run(migrations.length)
  }).immediate()
}

const json = (value: unknown) => JSON.stringify(value ?? null)
const parse = <T>(text: string | null): T => (text === null ? undefined : JSON.parse(text)) as T

type Row = Record<string, any>
const toInbound = (r: Row): InboundRecord => ({ id: r.id, key: r.key, ref: parse(r.ref), event: parse(r.event), receivedAt: r.received_at })
const toOutbound = (r: Row): OutboundRecord => ({
  id: r.id,
  key: r.key,
  ref: parse(r.ref),
  payload: parse(r.payload),
  createdAt: r.created_at,
  status: r.status,
  attempts: r.attempts,
  ...(r.provider_id !== null && { providerId: r.provider_id }),
  ...(r.error !== null && { error: r.error }),
})
const toTimer = (r: Row): TimerRecord => ({ timer: r.timer, key: r.key, ref: parse(r.ref), at: r.at })
const toEntry = (r: Row): TranscriptEntry => ({
  key: r.key,
  at: r.at,
  from: r.sender,
  text: r.text,
  ...(r.node !== null && { node: r.node }),
  ...(r.data !== null && { data: parse(r.data) }),
})
const toFlow = (r: Row): FlowVersionRecord => ({ id: r.id, version: r.version, flow: parse(r.flow), deployedAt: r.deployed_at, source: r.source, active: r.active === 1 })

/** Opens (creating it and its folder if missing) the SQLite database at `path`. */
export function createSqliteStore(path: string): Store {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  migrate(db)

  const sql = {
    acceptInbound: db.prepare('INSERT OR IGNORE INTO inbound (id, key, ref, event, received_at) VALUES (?, ?, ?, ?, ?)'),
    finishInbound: db.prepare('UPDATE inbound SET processed = 1 WHERE id = ?'),
    finishPending: db.prepare('UPDATE inbound SET processed = 1 WHERE id = ? AND processed = 0'),
    inboundExists: db.prepare('SELECT 1 FROM inbound WHERE id = ?'),
    pendingInbound: db.prepare('SELECT * FROM inbound WHERE processed = 0 ORDER BY rowid'),
    pruneInbound: db.prepare('DELETE FROM inbound WHERE processed = 1 AND received_at < ?'),
    putSession: db.prepare('INSERT OR REPLACE INTO sessions (key, ref, session, status, seq) VALUES (?, ?, ?, ?, ?)'),
    getSession: db.prepare('SELECT session FROM sessions WHERE key = ?'),
    sessionSeq: db.prepare('SELECT seq FROM sessions WHERE key = ?').pluck(),
    openSessions: db.prepare("SELECT * FROM sessions WHERE status != 'ended' ORDER BY rowid"),
    putOutbound: db.prepare(
      'INSERT OR REPLACE INTO outbound (id, key, ref, payload, created_at, status, attempts, provider_id, error) VALUES (@id, @key, @ref, @payload, @createdAt, @status, @attempts, @providerId, @error)',
    ),
    pendingOutbound: db.prepare("SELECT * FROM outbound WHERE status = 'pending' ORDER BY rowid"),
    // one statement, not a read and a write in a transaction: it runs once per message sent
    updateOutbound: db.prepare(
      'UPDATE outbound SET status = coalesce(@status, status), attempts = coalesce(@attempts, attempts), provider_id = coalesce(@providerId, provider_id), error = coalesce(@error, error) WHERE id = @id',
    ),
    recordStatus: db.prepare('INSERT INTO statuses (provider_id, status, at, detail) VALUES (?, ?, ?, ?)'),
    statuses: db.prepare('SELECT status, at FROM statuses WHERE provider_id = ? ORDER BY rowid'),
    putTimer: db.prepare('INSERT OR REPLACE INTO timers (key, timer, ref, at) VALUES (?, ?, ?, ?)'),
    deleteTimer: db.prepare('DELETE FROM timers WHERE key = ? AND timer = ?'),
    timers: db.prepare('SELECT * FROM timers ORDER BY at, rowid'),
    addTranscript: db.prepare('INSERT INTO transcript (key, at, sender, text, node, data) VALUES (?, ?, ?, ?, ?, ?)'),
    transcript: db.prepare('SELECT * FROM transcript WHERE key = ? ORDER BY seq'),
    getContact: db.prepare('SELECT record FROM contacts WHERE channel = ? AND id = ?'),
    putContact: db.prepare('INSERT OR REPLACE INTO contacts (channel, id, record) VALUES (?, ?, ?)'),
    saveFlow: db.prepare('INSERT OR REPLACE INTO flow_versions (id, version, flow, deployed_at, source, active) VALUES (?, ?, ?, ?, ?, ?)'),
    setActive: db.prepare('UPDATE flow_versions SET active = (version = ?) WHERE id = ?'),
    allFlows: db.prepare('SELECT * FROM flow_versions ORDER BY rowid'),
    flowsOf: db.prepare('SELECT * FROM flow_versions WHERE id = ? ORDER BY rowid'),
    putQueue: db.prepare('INSERT OR REPLACE INTO queue (key, status, enqueued_at, entry) VALUES (?, ?, ?, ?)'),
    removeQueue: db.prepare('DELETE FROM queue WHERE key = ?'),
    getQueue: db.prepare('SELECT entry FROM queue WHERE key = ?'),
    allQueue: db.prepare('SELECT entry FROM queue ORDER BY enqueued_at, rowid'),
  }

  const outboundParams = (o: OutboundRecord) => ({
    id: o.id,
    key: o.key,
    ref: json(o.ref),
    payload: json(o.payload),
    createdAt: o.createdAt,
    status: o.status,
    attempts: o.attempts,
    providerId: o.providerId ?? null,
    error: o.error ?? null,
  })

  /** Everything a commit writes, serialised in the caller: a value JSON cannot store fails that commit alone, before any SQL. */
  const prepareCommit = (c: Commit) => ({
    key: c.key,
    ref: json(c.ref),
    session: json(c.session),
    status: c.session.status,
    seq: c.session.seq,
    expectedSeq: c.expectedSeq,
    inboundId: c.inboundId,
    outbound: c.outbound.map(outboundParams),
    transcript: c.transcript.map((t) => [c.key, t.at, t.from, t.text, t.node ?? null, t.data === undefined ? null : json(t.data)] as const),
    timersCancelled: c.timersCancelled,
    timersStarted: c.timersStarted.map((t) => [t.key, t.timer, json(t.ref), t.at] as const),
    queue: c.queue && 'put' in c.queue ? ([c.queue.put.key, c.queue.put.status, c.queue.put.enqueuedAt, json(c.queue.put)] as const) : c.queue ? ('remove' as const) : undefined,
    contact: c.contact ? ([c.contact.channel, c.contact.id, json(c.contact)] as const) : undefined,
  })
  /** Writes a commit inside the batch's transaction; a stale commit writes nothing and returns its refusal (the batch goes on). */
  const writeCommit = (c: ReturnType<typeof prepareCommit>): StaleSessionError | undefined => {
    // Optimistic concurrency, checked before any write of this commit: an earlier commit of the same batch is seen, and
    // another connection's (another process on the same file) is serialised by the write lock.
    if (c.expectedSeq !== undefined) {
      const stored = sql.sessionSeq.get(c.key) as number | null | undefined
      const conflict = seqConflict(c, stored ?? null)
      if (conflict) return conflict
    }
    if (c.inboundId && sql.finishPending.run(c.inboundId).changes === 0 && sql.inboundExists.get(c.inboundId)) return new StaleSessionError(c.key, 'processed')
    sql.putSession.run(c.key, c.ref, c.session, c.status, c.seq)
    for (const o of c.outbound) sql.putOutbound.run(o)
    for (const t of c.transcript) sql.addTranscript.run(...t)
    for (const timer of c.timersCancelled) sql.deleteTimer.run(c.key, timer)
    for (const t of c.timersStarted) sql.putTimer.run(...t)
    if (c.queue === 'remove') sql.removeQueue.run(c.key)
    else if (c.queue) sql.putQueue.run(...c.queue)
    if (c.contact) sql.putContact.run(...c.contact)
    return undefined
  }

  /*
   * Group commit. Every write is queued and the queue is written on the next turn of the event loop
   * (setImmediate: after the I/O callbacks of this turn, so the webhooks read together are accepted
   * together) in ONE transaction; each caller's promise settles only after that transaction is
   * committed, so "persisted before acknowledged" holds per caller. Writes keep their call order
   * (one queue for all of them). Should the batch fail, it is rolled back and each write is retried
   * alone, so only the write at fault fails. Reads are not queued: a write is visible once its promise
   * has resolved, as with any asynchronous store.
   */
  interface Write {
    run: () => unknown
    resolve: (value: any) => void
    reject: (error: unknown) => void
  }
  let queued: Write[] = []
  let scheduled = false
  const runAll = db.transaction((writes: Write[]) => writes.map((w) => w.run()))
  const runOne = db.transaction((w: Write) => w.run())
  function flush() {
    scheduled = false
    const writes = queued
    queued = []
    if (!writes.length) return
    let results: unknown[]
    try {
      results = writes.length === 1 ? [runOne.immediate(writes[0])] : runAll.immediate(writes)
    } catch (error) {
      if (writes.length === 1) return writes[0].reject(error)
      for (const w of writes) {
        try {
          w.resolve(runOne.immediate(w))
        } catch (alone) {
          w.reject(alone)
        }
      }
      return
    }
    for (let i = 0; i < writes.length; i++) writes[i].resolve(results[i])
  }
  function write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queued.push({ run, resolve, reject })
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    })
  }

  const updateOutbound = (id: string, patch: Partial<OutboundRecord>) => {
    const params = { id, status: patch.status ?? null, attempts: patch.attempts ?? null, providerId: patch.providerId ?? null, error: patch.error ?? null }
    return write(() => void sql.updateOutbound.run(params))
  }

  return {
    async acceptInbound(r) {
      const ref = json(r.ref)
      const event = json(r.event)
      // INSERT OR IGNORE inside the batch: the second of two equal ids in one batch changes nothing, so it is refused too.
      return write(() => sql.acceptInbound.run(r.id, r.key, ref, event, r.receivedAt).changes === 1)
    },
    async finishInbound(id) {
      return write(() => void sql.finishInbound.run(id))
    },
    async pendingInbound() {
      return (sql.pendingInbound.all() as Row[]).map(toInbound)
    },
    async pruneInbound(before) {
      return write(() => sql.pruneInbound.run(before).changes)
    },
    async commit(c) {
      const prepared = prepareCommit(c)
      const refused = await write(() => writeCommit(prepared))
      if (refused) throw refused
    },
    async getSession(key) {
      const row = sql.getSession.get(key) as Row | undefined
      return row ? parse<Session>(row.session) : undefined
    },
    async openSessions() {
      return (sql.openSessions.all() as Row[]).map((r) => ({ key: r.key as string, ref: parse<ConversationRef>(r.ref), session: parse<Session>(r.session) }))
    },
    async pendingOutbound() {
      return (sql.pendingOutbound.all() as Row[]).map(toOutbound)
    },
    async updateOutbound(id, patch) {
      return updateOutbound(id, patch)
    },
    async recordStatus(providerId, status, at, detail) {
      const params = [providerId, status, at, detail === undefined ? null : json(detail)] as const
      return write(() => void sql.recordStatus.run(...params))
    },
    async statuses(providerId) {
      return (sql.statuses.all(providerId) as Row[]).map((r) => ({ status: r.status as string, at: r.at as number }))
    },
    async timers() {
      return (sql.timers.all() as Row[]).map(toTimer)
    },
    async deleteTimer(key, timer) {
      return write(() => void sql.deleteTimer.run(key, timer))
    },
    async transcript(key) {
      return (sql.transcript.all(key) as Row[]).map(toEntry)
    },
    async queueEntries() {
      return (sql.allQueue.all() as Row[]).map((r) => parse<QueueEntry>(r.entry))
    },
    async getQueueEntry(key) {
      const row = sql.getQueue.get(key) as Row | undefined
      return row ? parse<QueueEntry>(row.entry) : undefined
    },
    async putQueueEntry(entry) {
      const params = [entry.key, entry.status, entry.enqueuedAt, json(entry)] as const
      return write(() => void sql.putQueue.run(...params))
    },
    async getContact(channel: ChannelName, id: string) {
      const row = sql.getContact.get(channel, id) as Row | undefined
      return row ? parse<ContactRecord>(row.record) : undefined
    },
    async putContact(contact) {
      const record = json(contact)
      return write(() => void sql.putContact.run(contact.channel, contact.id, record))
    },
    async saveFlowVersion(r) {
      const flow = json(r.flow)
      return write(() => void sql.saveFlow.run(r.id, r.version, flow, r.deployedAt, r.source, r.active ? 1 : 0))
    },
    async setActiveVersion(id, version) {
      return write(() => void sql.setActive.run(version, id))
    },
    async flowVersions(id) {
      return ((id === undefined ? sql.allFlows.all() : sql.flowsOf.all(id)) as Row[]).map(toFlow)
    },
    async close() {
      // what is queued is written first: a close never drops a write whose caller waits for it
      if (db.open) flush()
      if (db.open) db.close()
    },
  }
}
