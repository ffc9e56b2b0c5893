/**
 * The collaboration store: an append-only log of Yjs updates per document in SQLite (better-sqlite3,
 * WAL), compacted into one merged update from time to time, plus the last file text each document
 * was in step with (the base of the three-way merge with edits made to the file outside the designer).
 *
 * Durability: WAL with synchronous=NORMAL, like the runtime's store. An append has returned once its
 * transaction is in the WAL, which survives the process being killed (kill -9); a power cut may lose
 * the last transactions. Appends are synchronous and happen before an update is broadcast, so any
 * edit another participant (or the sender's next sync) has seen is on disk.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface FileBase {
  /** The file text the document was last in step with (written by us or read and merged). */
  base: string | null
  /** A text being written through when the process stopped (the rename may or may not have happened). */
  pending: string | null
}

export function openCollabStore(path: string) {
  mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.exec(`
    CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc, id);
    CREATE TABLE IF NOT EXISTS files (doc TEXT PRIMARY KEY, base TEXT, pending TEXT);
  `)
  const insert = db.prepare<[string, Buffer]>('INSERT INTO updates (doc, data) VALUES (?, ?)')
  const select = db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM updates WHERE doc = ? ORDER BY id')
  const removeUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND id <= ?')
  const removeAll = db.prepare<[string]>('DELETE FROM updates WHERE doc = ?')
  const stats = db.prepare<[string], { count: number; bytes: number | null }>('SELECT count(*) AS count, sum(length(data)) AS bytes FROM updates WHERE doc = ?')
  const getFile = db.prepare<[string], FileBase>('SELECT base, pending FROM files WHERE doc = ?')
  const setFile = db.prepare<[string, string | null, string | null]>('INSERT INTO files (doc, base, pending) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET base = excluded.base, pending = excluded.pending')
  const removeFile = db.prepare<[string]>('DELETE FROM files WHERE doc = ?')

  const compactTx = db.transaction((doc: string, upTo: number, merged: Uint8Array) => {
    removeUpTo.run(doc, upTo)
    insert.run(doc, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength))
  })
  const forgetTx = db.transaction((doc: string) => {
    removeAll.run(doc)
    removeFile.run(doc)
  })

  return {
    path,
    /** Appends one update; returns its row id. Synchronous: on return it is committed. */
    append(doc: string, update: Uint8Array): number {
      return Number(insert.run(doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength)).lastInsertRowid)
    },
    /** Every stored update of a document in order, and the id of the last one (0 when none). */
    load(doc: string): { updates: Uint8Array[]; last: number } {
      const rows = select.all(doc)
      return { updates: rows.map((r) => new Uint8Array(r.data)), last: rows.length ? rows[rows.length - 1].id : 0 }
    },
    /** Replaces the updates up to `upTo` (inclusive) by one merged update that contains them all. */
    compact(doc: string, upTo: number, merged: Uint8Array): void {
      compactTx(doc, upTo, merged)
    },
    stats(doc: string): { count: number; bytes: number } {
      const s = stats.get(doc)
      return { count: s?.count ?? 0, bytes: s?.bytes ?? 0 }
    },
    fileBase(doc: string): FileBase {
      return getFile.get(doc) ?? { base: null, pending: null }
    },
    setFileBase(doc: string, base: string | null, pending: string | null): void {
      setFile.run(doc, base, pending)
    },
    /** Drops everything stored for a document (its file was deleted). */
    forget(doc: string): void {
      forgetTx(doc)
    },
    close(): void {
      if (db.open) db.close()
    },
  }
}

export type CollabStore = ReturnType<typeof openCollabStore>
