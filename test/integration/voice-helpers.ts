/**
 * Voice webhook test helpers: Twilio's side of a call (form posts signed with X-Twilio-Signature,
 * computed here independently of the runtime's verifier) and a small strict XML parser that
 * fails on anything not well-formed, so every TwiML answer is parse-checked.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { loadConfig } from '../../runtime/server/config.ts'
import { startRuntime } from '../../runtime/server/runtime.ts'
import type { VoiceProviderConfig } from '../../runtime/server/voice/verifier.ts'
import { captureLogs } from './helpers/index.ts'

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** Decoded text directly inside the element. */
  text: string
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string): string {
  if (/[<>]/.test(raw)) throw new Error(`raw < or > in character data: ${raw}`)
  return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated entity near ${whole}`)
    if (name in ENTITY) return ENTITY[name]
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)))
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16))
    throw new Error(`unknown entity &${name};`)
  })
}

/** Parses a whole XML document (declaration optional) into its root element; throws when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml\s[^?]*\?>/, '')
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' }
  const stack = [root]
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y
  let i = 0
  while (i < body.length) {
    const lt = body.indexOf('<', i)
    const text = body.slice(i, lt < 0 ? body.length : lt)
    if (text) {
      if (stack.length === 1 && text.trim()) throw new Error(`text outside the root element: ${text}`)
      stack[stack.length - 1].text += decode(text)
    }
    if (lt < 0) break
    tag.lastIndex = lt
    const match = tag.exec(body)
    if (!match) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 40)}`)
    const [whole, closing, name, attrs, selfClosing] = match
    if (closing) {
      const open = stack.pop()
      if (open?.name !== name || attrs || selfClosing) throw new Error(`</${name}> does not close <${open?.name}>`)
    } else {
      const element: XmlElement = { name, attributes: {}, children: [], text: '' }
      for (const [, key, value] of attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (key in element.attributes) throw new Error(`duplicate attribute ${key}`)
        element.attributes[key] = decode(value ?? '')
      }
      if (stack.length === 1 && root.children.length) throw new Error('more than one root element')
      stack[stack.length - 1].children.push(element)
      if (!selfClosing) stack.push(element)
    }
    i = lt + whole.length
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unclosed elements or no root')
  return root.children[0]
}

/** Every element in document order. */
export const allElements = (element: XmlElement): XmlElement[] => [element, ...element.children.flatMap(allElements)]

/** X-Twilio-Signature for a URL and its POST params, as Twilio computes it (GET: no params). */
export function signTwilio(token: string, url: string, params: Record<string, string> = {}): string {
  const data = Object.keys(params)
    .sort()
    .map((k) => k + params[k])
    .join('')
  return createHmac('sha1', token).update(url + data).digest('base64')
}

/** The params Twilio sends on every request of one inbound call. */
export function callParams(to: string, from = '+393471234567'): Record<string, string> {
  return {
    CallSid: `CA${randomBytes(16).toString('hex')}`,
    AccountSid: `AC${randomBytes(16).toString('hex')}`,
    From: from,
    To: to,
    Caller: from,
    Called: to,
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    Direction: 'inbound',
  }
}

/** A runtime whose config names a voice provider (SignalWire, Telnyx), which env-only test runtimes cannot. */
export async function startVoiceRuntime(voice: VoiceProviderConfig & Record<string, unknown>, flows: object[], clock: () => number) {
  const config = { ...loadConfig({ port: 0, host: '127.0.0.1', store: 'memory' }, { SWITCHBOARD_TOKEN: 'test-token', SWITCHBOARD_PUBLIC_URL: 'https://voice.example.test' }), voice }
  const { logs, logger } = captureLogs()
  const runtime = await startRuntime(config, { logger, clock })
  for (const flow of flows) {
    const result = await runtime.catalog.deploy(flow, 'test')
    if (!result.ok) throw new Error(`test flow refused: ${JSON.stringify(result.problems)}`)
  }
  return Object.assign(runtime, { logs })
}
