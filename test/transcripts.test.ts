/**
 * Conversation goldens (STYLE rule 6): every examples/*.transcript.json and the CLI's own fixtures
 * run through the same runner as `switchboard test`; plus the runner's rules on small cases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../schemas/nodes/step.ts'
import { runTranscriptFile, transcriptProblems } from '../runtime/transcripts/files.ts'
import { matchesText, runTranscript } from '../runtime/transcripts/run.ts'
import { describeMismatch, writeTranscript } from '../runtime/transcripts/format.ts'
import type { Transcript } from '../runtime/transcripts/transcript.ts'

const root = new URL('..', import.meta.url).pathname
const transcriptsIn = (folder: string) =>
  existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((f) => f.endsWith('.transcript.json')).sort().map((f) => join(folder, f)) : []
const goldens = [...transcriptsIn('examples'), ...transcriptsIn('test/fixtures/cli')]

describe.each(goldens)('%s', (file) => {
  it('is a valid transcript', () => expect(transcriptProblems(JSON.parse(readFileSync(join(root, file), 'utf8')))).toEqual([]))
  it('plays as written', () => {
    const run = runTranscriptFile(join(root, file))
    expect(run.ok, run.mismatches.map((m) => describeMismatch(m)).join('\n')).toBe(true)
  })
})

const flow: Flow = {
  id: 'tiny',
  name: 'Tiny',
  version: 1,
  channels: ['whatsapp', 'voice'],
  languages: ['en'],
  defaultLanguage: 'en',
  start: 'menu',
  nodes: [
    { id: 'menu', type: 'menu', text: 'Pick one', timeout: 'PT1M', retries: 0, options: [{ id: 'a', label: 'Apples' }, { id: 'b', label: 'Bananas' }], exits: { a: 'apples', b: 'check', timeout: 'late' } },
    { id: 'apples', type: 'message', text: 'Apples are 2 euros today.' },
    { id: 'check', type: 'http', url: 'https://shop.example/bananas', exits: { ok: 'apples', error: 'late' } },
    { id: 'late', type: 'message', text: 'Too late!' },
  ],
} as Flow

const tiny = (turns: Transcript['turns'], extra: Partial<Transcript> = {}): Transcript => ({ flow: 'tiny.flow.json', channel: 'whatsapp', turns, ...extra })
const menuTurn = { bot: 'Pick one', buttons: ['Apples', 'Bananas'] }

describe('runTranscript', () => {
  it('passes a complete conversation, with … matching any run of characters', () => {
    const result = runTranscript(tiny([{ user: 'hi' }, menuTurn, { choice: 'a' }, { bot: 'Apples are … today.' }, { end: 'dead-end' }]), flow)
    expect(result.mismatches).toEqual([])
  })
  it('fails on bot output the transcript does not expect, and --update adds it', () => {
    const result = runTranscript(tiny([{ user: 'hi' }, menuTurn, { choice: 'a' }]), flow)
    expect(result.ok).toBe(false)
    expect(result.mismatches[0]).toMatchObject({ turn: 3, got: { bot: 'Apples are 2 euros today.' } })
    expect(result.actualTurns.slice(3)).toEqual([{ bot: 'Apples are 2 euros today.' }, { end: 'dead-end' }])
  })
  it('fails when the bot says something else, keeping matching turns as written for --update', () => {
    const result = runTranscript(tiny([{ user: 'hi' }, { bot: 'Pick…' }, { choice: 'a' }, { bot: 'Pears!' }, { end: 'dead-end' }]), flow)
    expect(result.mismatches.map((m) => m.turn)).toEqual([3])
    expect(describeMismatch(result.mismatches[0])).toContain('- bot: Pears!\n    + bot: Apples are 2 euros today.')
    expect(result.actualTurns[1]).toEqual({ bot: 'Pick…' })
  })
  it('fires due timers on after, at their own time', () => {
    const result = runTranscript(tiny([{ user: 'hi' }, menuTurn, { after: 'PT30S' }, { after: 'PT30S' }, { bot: 'Too late!' }, { end: 'dead-end' }]), flow)
    expect(result.mismatches).toEqual([])
  })
  it('answers the HTTP call the flow asked for, and fails on another URL', () => {
    const call = (url: string) => ({ http: `GET ${url}`, respond: { status: 200, body: {} } })
    const turns = (url: string) => tiny([{ user: 'hi' }, menuTurn, { choice: 'b' }, call(url), { bot: 'Apples are 2 euros today.' }, { end: 'dead-end' }])
    expect(runTranscript(turns('https://shop.example/bananas'), flow).mismatches).toEqual([])
    expect(runTranscript(turns('https://shop.example/…'), flow).mismatches).toEqual([])
    const wrong = runTranscript(turns('https://shop.example/pears'), flow)
    expect(wrong.mismatches).toHaveLength(1)
    expect(wrong.actualTurns[3]).toEqual(call('https://shop.example/bananas'))
  })
  it('starts voice calls before anyone speaks and takes key presses', () => {
    const result = runTranscript(tiny([{ bot: 'Pick one…' }, { press: '1' }, { bot: 'Apples…' }, { end: 'dead-end' }], { channel: 'voice' }), flow)
    expect(result.mismatches).toEqual([])
  })
})

describe('transcript files', () => {
  it('are written one turn per line and read back the same', () => {
    const transcript = tiny([{ user: 'hi' }, menuTurn, { http: 'GET https://x.example/a', respond: { status: 200, body: { a: [1, 2] } } }], { lang: 'en' })
    const text = writeTranscript(transcript)
    expect(JSON.parse(text)).toEqual(transcript)
    expect(text.split('\n')).toContain('    { "bot": "Pick one", "buttons": ["Apples", "Bananas"] },')
    expect(transcriptProblems(transcript)).toEqual([])
  })
  it('are checked against the schema', () => {
    expect(transcriptProblems({ flow: 'x.flow.json', channel: 'sms', turns: [] })).not.toEqual([])
    expect(transcriptProblems(tiny([{ bot: 'x', colour: 'red' } as never]))).not.toEqual([])
  })
  it('match … and ... as wildcards and everything else literally', () => {
    expect(matchesText('Order … arrives…', 'Order 42 arrives tomorrow.')).toBe(true)
    expect(matchesText('Total (EUR)...', 'Total (EUR) 12.00')).toBe(true)
    expect(matchesText('a.c', 'abc')).toBe(false)
  })
})
