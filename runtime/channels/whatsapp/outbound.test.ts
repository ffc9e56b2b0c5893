import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { whatsappLimits } from '../../../schemas/channel-limits.ts'
import type { AskOption } from '../../../schemas/nodes/step.ts'
import { previewActions } from '../preview.ts'
import { charCount, splitText, truncate } from '../text-limits.ts'
import { whatsappOutbound } from './outbound.ts'
import { chooseWhatsAppPresentation } from './present.ts'

const context = { to: '1', now: 10_000, lastInboundAt: 9_000 }

describe('text limits', () => {
  it('splits any text into pieces within the limit that keep every non-space character in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const pieces = splitText(text, max)
        for (const piece of pieces) expect(charCount(piece)).toBeLessThanOrEqual(max)
        expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
      }),
    )
  })
  it('truncates by code points with an ellipsis', () => {
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…')
    expect(truncate('short', 20)).toBe('short')
  })
})

describe('whatsapp outbound', () => {
  it('splits a text over the body limit into several messages', () => {
    const text = 'word '.repeat(1000).trim()
    const { messages } = whatsappOutbound([{ type: 'say', text }], context)
    expect(messages.length).toBe(2)
    for (const m of messages) expect(m.type === 'text' && charCount(m.text.body)).toBeLessThanOrEqual(whatsappLimits.textBody)
  })
  it('puts a long question before its buttons as text, the last piece in the interactive body', () => {
    const text = 'x'.repeat(whatsappLimits.interactiveBody + 10)
    const { messages } = whatsappOutbound([{ type: 'ask', text, options: [{ id: 'a', label: 'A' }] }], context)
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive'])
  })

  const option = fc.record({ id: fc.string({ minLength: 1, maxLength: 5 }), label: fc.string({ minLength: 1, maxLength: 30 }) })
  it('preview and payload always agree on buttons, list rows or numbered text, within the limits', () => {
    fc.assert(
      fc.property(fc.array(option, { minLength: 1, maxLength: 14 }), (options: AskOption[]) => {
        const actions = [{ type: 'ask' as const, text: 'Pick', options }]
        const [message] = whatsappOutbound(actions, context).messages
        const [turn] = previewActions('whatsapp', actions)
        const presentation = chooseWhatsAppPresentation(options)
        if (presentation === 'buttons') {
          expect(message.type === 'interactive' && message.interactive.type === 'button').toBe(true)
          if (message.type !== 'interactive' || message.interactive.type !== 'button') return
          const titles = message.interactive.action.buttons.map((b) => b.reply.title)
          expect(titles.length).toBeLessThanOrEqual(whatsappLimits.buttons)
          for (const t of titles) expect(charCount(t)).toBeLessThanOrEqual(whatsappLimits.buttonTitle)
          expect(turn.buttons).toEqual(titles)
        } else if (presentation === 'list') {
          if (message.type !== 'interactive' || message.interactive.type !== 'list') throw new Error('expected a list')
          const rows = message.interactive.action.sections.flatMap((s) => s.rows)
          expect(rows.length).toBeLessThanOrEqual(whatsappLimits.listRows)
          for (const r of rows) expect(charCount(r.title)).toBeLessThanOrEqual(whatsappLimits.rowTitle)
          expect(turn.list?.rows.map((r) => r.title)).toEqual(rows.map((r) => r.title))
        } else {
          expect(options.length).toBeGreaterThan(whatsappLimits.listRows)
          expect(message.type).toBe('text')
          expect(turn.numbered).toBe(true)
        }
      }),
    )
  })
})
