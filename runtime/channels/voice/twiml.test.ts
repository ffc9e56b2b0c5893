import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Action } from '../../../schemas/nodes/step.ts'
import { escapeXml, isWellFormedFragment } from './twiml.ts'
import { renderTwiml } from './outbound.ts'

interface Element {
  name: string
  attributes: Record<string, string>
  children: (Element | string)[]
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (text: string) => {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bare & in ${JSON.stringify(text)}`)
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e])
}

/** A strict little XML parser: throws on anything not well-formed. */
function parseXml(xml: string): Element {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>'
  if (!xml.startsWith(prolog)) throw new Error('no prolog')
  let at = prolog.length
  const root: Element = { name: '#document', attributes: {}, children: [] }
  const stack = [root]
  while (at < xml.length) {
    if (xml[at] !== '<') {
      const end = xml.indexOf('<', at)
      const text = xml.slice(at, end < 0 ? xml.length : end)
      stack[stack.length - 1].children.push(decode(text))
      at = end < 0 ? xml.length : end
      continue
    }
    const close = /^<\/([A-Za-z][\w.:-]*)>/.exec(xml.slice(at))
    if (close) {
      if (stack.pop()?.name !== close[1]) throw new Error(`mismatched </${close[1]}>`)
      at += close[0].length
      continue
    }
    const open = /^<([A-Za-z][\w.:-]*)((?:\s+[A-Za-z][\w.:-]*="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(at))
    if (!open) throw new Error(`bad tag at ${at}: ${xml.slice(at, at + 30)}`)
    const attributes: Record<string, string> = {}
    for (const [, name, value] of open[2].matchAll(/([A-Za-z][\w.:-]*)="([^"<]*)"/g)) {
      if (name in attributes) throw new Error(`duplicate attribute ${name}`)
      attributes[name] = decode(value)
    }
    const element: Element = { name: open[1], attributes, children: [] }
    stack[stack.length - 1].children.push(element)
    if (!open[3]) stack.push(element)
    at += open[0].length
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced document')
  return root.children[0] as Element
}

const find = (element: Element, name: string): Element[] =>
  element.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.name === name ? [c] : []), ...find(c, name)]))
const textOf = (element: Element) => element.children.filter((c): c is string => typeof c === 'string').join('')
/** What XML 1.0 can carry of a string (escapeXml drops the rest). */
const xmlSafe = (s: string) => [...s].filter((c) => /[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(c)).join('')

const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", ']]>', '&amp;', 'a', ' ', '\ud800', '\udfff', '\u0000', '\uffff', '\u0007') }))

describe('TwiML is always well-formed', () => {
  it('any say text, language, voice and URL round-trips through a strict parser', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, (text, voice, url, queue) => {
        const actions: Action[] = [
          { type: 'say', text },
          { type: 'play', url },
          { type: 'ask', text, options: [{ id: 'a', label: text }], hints: [text] },
          { type: 'hand-off', queue, priority: 1, skills: [], summary: '', variables: {} },
        ]
        const document = parseXml(renderTwiml(actions, { actionUrl: `https://x.example/v?u=${url}`, language: text, voice }))
        expect(document.name).toBe('Response')
        const says = find(document, 'Say')
        if (xmlSafe(text).trim() !== '') expect(textOf(says[0])).toBe(xmlSafe(text))
        if (voice !== '' && says[0]) expect(says[0].attributes.voice).toBe(xmlSafe(voice))
        expect(textOf(find(document, 'Play')[0])).toBe(xmlSafe(url))
      }),
      { numRuns: 400 },
    )
  })

  it('any SSML override yields a well-formed document (emitted only when it is well-formed itself)', () => {
    const ssmlish = fc.string({ unit: fc.constantFrom('<speak>', '</speak>', '<break/>', '<break time="1s"/>', '<s>', '</s>', '<', '>', '&', '&amp;', 'hi', ' ', '"') })
    fc.assert(
      fc.property(ssmlish, anyText, (ssml, text) => {
        parseXml(renderTwiml([{ type: 'say', text, voice: { ssml } }, { type: 'end', reason: 'completed' }], { actionUrl: 'https://x.example/v' }))
      }),
      { numRuns: 400 },
    )
  })

  it('escapes the five XML specials', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f')
    expect(escapeXml('bell\u0007 ok \ud800')).toBe('bell ok ')
  })

  it('vets fragments', () => {
    expect(isWellFormedFragment('Hi <break time="1s"/> <emphasis>there</emphasis> &amp; you')).toBe(true)
    for (const bad of ['<b>', '</b>', 'a & b', '<b x=1/>', '<a><b></a></b>']) expect(isWellFormedFragment(bad), bad).toBe(false)
  })
})
