/**
 * The voice webhook end to end: a real runtime on port 0 serving an IVR flow, Twilio played by
 * form posts signed like Twilio signs them, each TwiML answer parsed strictly and followed the
 * way Twilio follows it (Gather action, silence Redirect, Record action).
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from './helpers/index.ts'
import { allElements, callParams, parseXml, signTwilio, startVoiceRuntime, type XmlElement } from './voice-helpers.ts'

const TOKEN = 'twilio-test-token'
const PUBLIC = 'https://voice.example.test'
const NUMBER = '+390612345678'
const OPEN = Date.parse('2026-03-02T10:00:00+01:00') // a Monday, 10:00 in Rome
const CLOSED = Date.parse('2026-03-01T10:00:00+01:00') // a Sunday
const flow = JSON.parse(readFileSync(new URL('./fixtures/ivr-main.flow.json', import.meta.url), 'utf8'))

let now = OPEN
let runtime: TestRuntime

beforeAll(async () => {
  runtime = await startTestRuntime({ flows: [flow], env: { TWILIO_AUTH_TOKEN: TOKEN, SWITCHBOARD_PUBLIC_URL: PUBLIC }, clock: () => now })
})
afterAll(() => runtime?.close())

interface Answer {
  status: number
  type: string | null
  text: string
  twiml?: XmlElement
}

type Params = Record<string, string>

/** POSTs like Twilio: form body, X-Twilio-Signature over the public URL (unless `signature` overrides it). */
async function post(publicUrl: string, params: Params, signature: string | null = signTwilio(TOKEN, publicUrl, params), target = runtime): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (signature !== null) headers['x-twilio-signature'] = signature
  const response = await fetch(target.url + publicUrl.slice(PUBLIC.length), { method: 'POST', headers, body: new URLSearchParams(params).toString() })
  return read(response)
}

async function read(response: globalThis.Response): Promise<Answer> {
  const text = await response.text()
  const type = response.headers.get('content-type')
  return { status: response.status, type, text, twiml: type?.startsWith('text/xml') ? parseXml(text) : undefined }
}

const verbs = (a: Answer) => a.twiml!.children.map((c) => c.name)
const find = (a: Answer, name: string) => allElements(a.twiml!).find((e) => e.name === name)
const spoken = (a: Answer) => allElements(a.twiml!).filter((e) => e.name === 'Say').map((e) => e.text).join(' ')

/** One inbound call: its params and the way Twilio follows each answer. */
function newCall(to = NUMBER) {
  const params = callParams(to)
  const key = `voice:${to}:${params.CallSid}`
  return {
    params,
    key,
    start: () => post(`${PUBLIC}/webhooks/voice`, params),
    press: (answer: Answer, digits: string) => post(find(answer, 'Gather')!.attributes.action, { ...params, Digits: digits, FinishedOnKey: '' }),
    silence: (answer: Answer) => post(find(answer, 'Redirect')!.text, params),
    session: () => runtime.store.getSession(key),
  }
}

describe('POST /webhooks/voice walks the IVR', () => {
  it('goes through three menu levels to a transfer (Enqueue)', async () => {
    now = OPEN
    const call = newCall()
    const main = await call.start()
    expect(main.status).toBe(200)
    expect(main.type).toMatch(/^text\/xml/)
    expect(verbs(main)).toEqual(['Gather', 'Redirect'])
    expect(spoken(main)).toBe(
      'Welcome to Smith & Sons <Support>, the "best" line in town. It\'s open. Press 1 for Sales & offers. Press 2 for Support <24/7>. Press 3 for Leave a "message".',
    )
    expect(find(main, 'Gather')!.attributes).toMatchObject({ numDigits: '1', method: 'POST', language: 'en-US' })
    expect(find(main, 'Gather')!.attributes.action).toMatch(new RegExp(`^${PUBLIC}/webhooks/voice\\?t=\\d+&gather=1$`))

    const support = await call.press(main, '2')
    expect(spoken(support)).toContain("Support: what's it about?")
    const orders = await call.press(support, '1')
    expect(spoken(orders)).toContain('Press 1 for Track & trace.')
    const transfer = await call.press(orders, '1')
    expect(verbs(transfer)).toEqual(['Say', 'Enqueue'])
    expect(spoken(transfer)).toBe('Connecting you to a colleague <in support>…')
    expect(find(transfer, 'Enqueue')!.text).toBe('support')
    expect((await call.session())?.status).toBe('handoff')
  })

  it('takes a voicemail when closed: Record, then the recording → thanks and hang up', async () => {
    now = CLOSED
    const call = newCall()
    const prompt = await call.start()
    expect(verbs(prompt)).toEqual(['Say', 'Say', 'Record', 'Redirect'])
    expect(spoken(prompt)).toBe("We're closed right now & back on Monday. Please leave a message after the beep & hang up when you're done.")
    const record = find(prompt, 'Record')!
    expect(record.attributes).toMatchObject({ maxLength: '60', method: 'POST' })

    const recordingUrl = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE123'
    const done = await post(record.attributes.action, { ...call.params, RecordingUrl: recordingUrl, RecordingSid: 'RE123', RecordingDuration: '7', Digits: 'hangup' })
    expect(verbs(done)).toEqual(['Say', 'Hangup'])
    expect(spoken(done)).toBe("Thanks! We'll call you back.")
    const session = await call.session()
    expect(session?.status).toBe('ended')
    expect(session?.vars.voicemail).toBe(recordingUrl)
  })

  it('re-prompts after a wrong key, then leaves through invalid when retries run out', async () => {
    now = OPEN
    const call = newCall()
    const main = await call.start()
    const again = await call.press(main, '7')
    expect(verbs(again)).toEqual(['Say', 'Gather', 'Redirect'])
    expect(spoken(again)).toMatch(/^Sorry, that key isn't on the menu\. Welcome to Smith & Sons/)
    // The same key again is a new turn (a new action URL), not a redelivery.
    expect(find(again, 'Gather')!.attributes.action).not.toBe(find(main, 'Gather')!.attributes.action)
    const out = await call.press(again, '7')
    expect(verbs(out)).toEqual(['Say', 'Hangup'])
    expect(spoken(out)).toBe('Goodbye & thank you.')
  })

  it('re-prompts on silence (the redirect after Gather), then takes the timeout exit', async () => {
    now = OPEN
    const call = newCall()
    const main = await call.start()
    expect(find(main, 'Redirect')!.text).toMatch(/gather=empty$/)
    const again = await call.silence(main)
    expect(verbs(again)).toEqual(['Gather', 'Redirect'])
    expect(spoken(again)).toMatch(/^Welcome to Smith & Sons/)
    const out = await call.silence(again)
    expect(verbs(out)).toEqual(['Say', 'Hangup'])
    expect(spoken(out)).toBe('Goodbye & thank you.')
    expect((await call.session())?.status).toBe('ended')
  })

  it('answers a redelivered request with the same TwiML and advances once', async () => {
    now = OPEN
    const call = newCall()
    const main = await call.start()
    const replay = await call.start()
    expect(replay.text).toBe(main.text)
    const seq = (await call.session())!.seq

    const url = find(main, 'Gather')!.attributes.action
    const press = { ...call.params, Digits: '2', FinishedOnKey: '' }
    const [first, second] = await Promise.all([post(url, press), post(url, press)])
    const third = await post(url, press)
    expect(second.text).toBe(first.text)
    expect(third.text).toBe(first.text)
    expect(spoken(first)).toContain("Support: what's it about?")
    const session = (await call.session())!
    expect(session.seq).toBe(seq + 1)
    expect(session.node).toBe('support-menu')
    const heard = (await runtime.store.transcript(call.key)).filter((t) => t.from === 'customer')
    expect(heard.map((t) => t.text)).toEqual(['2'])
  })

  it('after a restart, a redelivered request re-asks the question it stands at instead of advancing', async () => {
    const first = await startTestRuntime({ flows: [flow], store: 'sqlite', env: { TWILIO_AUTH_TOKEN: TOKEN, SWITCHBOARD_PUBLIC_URL: PUBLIC }, clock: () => OPEN })
    const params = callParams(NUMBER)
    const key = `voice:${NUMBER}:${params.CallSid}`
    const main = await post(`${PUBLIC}/webhooks/voice`, params, undefined, first)
    const press = { ...params, Digits: '2' }
    const support = await post(find(main, 'Gather')!.attributes.action, press, undefined, first)
    const seq = (await first.store.getSession(key))!.seq
    await first.close({ keepDir: true })
    const second = await startTestRuntime({ flows: [flow], store: 'sqlite', dir: first.dir, env: { TWILIO_AUTH_TOKEN: TOKEN, SWITCHBOARD_PUBLIC_URL: PUBLIC }, clock: () => OPEN })
    try {
      const replay = await post(find(main, 'Gather')!.attributes.action, press, undefined, second)
      expect(verbs(replay)).toEqual(['Redirect'])
      expect((await second.store.getSession(key))!.seq).toBe(seq)
      const again = await post(find(replay, 'Redirect')!.text, params, undefined, second)
      expect(spoken(again)).toBe(spoken(support))
      expect((await second.store.getSession(key))!.node).toBe('support-menu')
    } finally {
      await second.close()
    }
  })

  it('accepts GET with the parameters in the query string (signed over the URL only)', async () => {
    now = OPEN
    const call = newCall()
    const url = `${PUBLIC}/webhooks/voice?${new URLSearchParams(call.params)}`
    const response = await fetch(runtime.url + url.slice(PUBLIC.length), { headers: { 'x-twilio-signature': signTwilio(TOKEN, url) } })
    const answer = await read(response)
    expect(answer.status).toBe(200)
    expect(verbs(answer)).toEqual(['Gather', 'Redirect'])
  })
})

describe('POST /webhooks/voice refuses what it cannot trust', () => {
  it('answers 403 to a wrong signature and 401 to none, leaving the session unchanged', async () => {
    now = OPEN
    const call = newCall()
    const main = await call.start()
    const before = await call.session()
    const url = find(main, 'Gather')!.attributes.action
    const press = { ...call.params, Digits: '2' }

    const forged = await post(url, press, signTwilio('not-the-token', url, press))
    expect(forged.status).toBe(403)
    expect(forged.text).toBe('Invalid signature.')
    const tampered = await post(url, { ...press, Digits: '1' }, signTwilio(TOKEN, url, press))
    expect(tampered.status).toBe(403)
    const localUrl = runtime.url + url.slice(PUBLIC.length)
    expect((await post(url, press, signTwilio(TOKEN, localUrl, press))).status).toBe(403)
    const unsigned = await post(url, press, null)
    expect(unsigned.status).toBe(401)

    expect(await call.session()).toEqual(before)
    expect((await runtime.store.transcript(call.key)).filter((t) => t.from === 'customer')).toEqual([])
  })

  it('answers 503 with a clear message when no auth token is configured, and runs nothing', async () => {
    const bare = await startTestRuntime({ flows: [flow], env: { SWITCHBOARD_PUBLIC_URL: PUBLIC }, clock: () => OPEN })
    try {
      const params = callParams(NUMBER)
      const answer = await post(`${PUBLIC}/webhooks/voice`, params, signTwilio('', `${PUBLIC}/webhooks/voice`, params), bare)
      expect(answer.status).toBe(503)
      expect(answer.text).toMatch(/TWILIO_AUTH_TOKEN/)
      expect(await bare.store.openSessions()).toEqual([])
    } finally {
      await bare.close()
    }
  })

  it('apologises and hangs up on a number no flow is bound to, and logs it', async () => {
    const call = newCall('+15550001111')
    const answer = await call.start()
    expect(answer.status).toBe(200)
    expect(verbs(answer)).toEqual(['Say', 'Hangup'])
    expect(spoken(answer)).toMatch(/not in service/)
    expect(runtime.logs.some((l) => l.level === 'warn' && /no flow is bound to voice/.test(l.msg))).toBe(true)
  })

  it('apologises and hangs up (TwiML, not a 500 page) when something fails inside', async () => {
    const receive = runtime.host.receive
    runtime.host.receive = async () => {
      throw new Error('store exploded')
    }
    try {
      const answer = await newCall().start()
      expect(answer.status).toBe(200)
      expect(answer.type).toMatch(/^text\/xml/)
      expect(verbs(answer)).toEqual(['Say', 'Hangup'])
      expect(spoken(answer)).toMatch(/went wrong/)
    } finally {
      runtime.host.receive = receive
    }
  })
})

describe('other providers, chosen by configuration', () => {
  it('SignalWire: the same HMAC keyed with its signing key, in X-SignalWire-Signature', async () => {
    const signalwire = await startVoiceRuntime({ provider: 'signalwire', signingKey: 'PSK_test' }, [flow], () => OPEN)
    try {
      const params = callParams(NUMBER)
      const url = `${PUBLIC}/webhooks/voice`
      const send = (headers: Record<string, string>) =>
        fetch(signalwire.url + '/webhooks/voice', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(params).toString() })
      expect((await send({ 'x-signalwire-signature': signTwilio(TOKEN, url, params) })).status).toBe(403)
      const answer = await read(await send({ 'x-signalwire-signature': signTwilio('PSK_test', url, params) }))
      expect(answer.status).toBe(200)
      expect(verbs(answer)).toEqual(['Gather', 'Redirect'])
    } finally {
      await signalwire.close()
    }
  })

  it('Telnyx: Ed25519 over timestamp|body with the account public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64')
    const telnyx = await startVoiceRuntime({ provider: 'telnyx', publicKey: raw }, [flow], () => OPEN)
    try {
      const params = { ...callParams(NUMBER), CallSid: 'v3:9X2vqHn2TOWnkzWu6ixWYQ', AccountSid: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }
      const body = new URLSearchParams(params).toString()
      const timestamp = String(OPEN / 1000)
      const send = (signature: string, at = timestamp) =>
        fetch(telnyx.url + '/webhooks/voice', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'telnyx-timestamp': at, 'telnyx-signature-ed25519': signature },
          body,
        })
      const good = sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64')
      const stale = String(OPEN / 1000 - 3600)
      expect((await send(sign(null, Buffer.from(`${stale}|${body}`), privateKey).toString('base64'), stale)).status).toBe(403)
      const answer = await read(await send(good))
      expect(answer.status).toBe(200)
      expect(verbs(answer)).toEqual(['Gather', 'Redirect'])
    } finally {
      await telnyx.close()
    }
  })
})

describe('POST /webhooks/voice/status', () => {
  it('ends the conversation on completed and answers 204', async () => {
    now = OPEN
    const call = newCall()
    await call.start()
    expect((await call.session())?.status).toBe('waiting')
    const url = `${PUBLIC}/webhooks/voice/status`
    const params = { ...call.params, CallStatus: 'completed', CallDuration: '42', Timestamp: 'Mon, 02 Mar 2026 09:01:00 +0000', SequenceNumber: '0' }
    const answer = await post(url, params)
    expect(answer.status).toBe(204)
    expect((await call.session())?.status).toBe('ended')
    expect((await post(url, params, 'forged')).status).toBe(403)
  })

  it('leaves a conversation alone on a progress status (ringing, in-progress)', async () => {
    now = OPEN
    const call = newCall()
    await call.start()
    const answer = await post(`${PUBLIC}/webhooks/voice/status`, { ...call.params, CallStatus: 'in-progress', CallbackSource: 'call-progress-events' })
    expect(answer.status).toBe(204)
    expect((await call.session())?.status).toBe('waiting')
  })
})
