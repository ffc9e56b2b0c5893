import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { minimalEdit, pointerRange, pointerSpans, positionAt, spanOf } from './json-positions.ts'
import { formatFlow } from '../../../schemas/format.ts'

const text = `{
  "name": "Shop",
  "a/b": { "~x": [1, true, null] },
  "nodes": [
    { "id": "welcome", "text": "Hi \\"there\\"" },
    { "id": "menu", "options": [] }
  ]
}
`

describe('JSON pointer → text range', () => {
  it('maps values, keys and escaped pointers', () => {
    const spans = pointerSpans(text)
    const slice = (p: string) => text.slice(spans.get(p)!.start, spans.get(p)!.end)
    expect(slice('/name')).toBe('"Shop"')
    expect(text.slice(spans.get('/name')!.keyStart!, spans.get('/name')!.keyStart! + 6)).toBe('"name"')
    expect(slice('/a~1b/~0x/1')).toBe('true')
    expect(slice('/nodes/0/text')).toBe('"Hi \\"there\\""')
    expect(slice('/nodes/1/options')).toBe('[]')
    expect(slice('')).toBe(text.trim())
  })

  it('gives line and column as Monaco counts them', () => {
    expect(pointerRange(text, '/nodes/1/id')).toEqual({ startLineNumber: 6, startColumn: 7, endLineNumber: 6, endColumn: 19 })
    expect(positionAt(text, 0)).toEqual({ lineNumber: 1, column: 1 })
  })

  it('falls back to the nearest ancestor for a missing field', () => {
    const span = spanOf(text, '/nodes/1/text')
    expect(span.exact).toBe(false)
    expect(text.slice(span.start, span.end)).toBe('{ "id": "menu", "options": [] }')
  })

  it('maps what comes before a syntax error', () => {
    const broken = '{ "name": "x", "nodes": [ { "id": "a" }, { "id": '
    const spans = pointerSpans(broken)
    expect(broken.slice(spans.get('/nodes/0/id')!.start, spans.get('/nodes/0/id')!.end)).toBe('"a"')
  })

  it('finds every pointer of an example flow where JSON.stringify puts it', () => {
    const flow = JSON.parse(readFileSync(new URL('../../../examples/order-bot.flow.json', import.meta.url), 'utf8'))
    const formatted = formatFlow(flow)
    const spans = pointerSpans(formatted)
    flow.nodes.forEach((node: { id: string }, i: number) => {
      const span = spans.get(`/nodes/${i}`)!
      expect(JSON.parse(formatted.slice(span.start, span.end)).id).toBe(node.id)
    })
  })
})

describe('minimal edit', () => {
  it('replaces only the changed middle', () => {
    expect(minimalEdit('{"a": 1, "b": 2}', '{"a": 1, "b": 3}')).toEqual({ start: 14, end: 15, text: '3' })
    expect(minimalEdit('same', 'same')).toBeUndefined()
    const before = 'abcabc'
    const after = 'abcXabc'
    const edit = minimalEdit(before, after)!
    expect(before.slice(0, edit.start) + edit.text + before.slice(edit.end)).toBe(after)
  })
})
