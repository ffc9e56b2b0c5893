import { describe, expect, it } from 'vitest'
import { logicToRows, parseValue, rowsToLogic } from './logic-rows.ts'
import { nodeTypes } from '../../../../schemas/nodes/index.ts'

const roundTrips = [
  { '==': [{ var: 'contact.tier' }, 'gold'] },
  { '>': [{ var: 'order.total' }, 100] },
  { '<=': [{ var: 'attempts' }, 3] },
  { '!=': [{ var: 'paid' }, true] },
  { '!!': { var: 'order.id' } },
  { '!': { var: 'email' } },
  { in: ['refund', { var: 'message' }] },
  { in: [{ var: 'country' }, ['IT', 'FR']] },
  { and: [{ '>': [{ var: 'order.total' }, 100] }, { '==': [{ var: 'contact.tier' }, 'gold'] }] },
  { or: [{ '==': [{ var: 'language' }, 'it'] }, { '!!': { var: 'vip' } }, { '<': [{ var: 'age' }, 18] }] },
]

describe('condition builder ⇄ JSON Logic', () => {
  for (const logic of roundTrips) {
    it(`round-trips ${JSON.stringify(logic)}`, () => {
      const rows = logicToRows(logic)
      expect(rows).toBeDefined()
      expect(rowsToLogic(rows!)).toEqual(logic)
    })
  }

  it('round-trips every condition in the node schemas examples that fits rows', () => {
    const whens = (nodeTypes.condition.schema.examples as { branches: { when: unknown }[] }[]).flatMap((e) => e.branches.map((b) => b.when))
    for (const when of whens) expect(rowsToLogic(logicToRows(when)!)).toEqual(when)
  })

  it('leaves rules it cannot show as rows to the raw JSON editor', () => {
    expect(logicToRows({ '+': [{ var: 'visits' }, 1] })).toBeUndefined()
    expect(logicToRows({ and: [{ or: [{ var: 'a' }, { var: 'b' }] }, { '==': [{ var: 'c' }, 1] }] })).toBeUndefined()
    expect(logicToRows({ '>': [{ var: 'a' }, { var: 'b' }] })).toBeUndefined()
  })

  it('means always with no rows', () => {
    expect(logicToRows(true)).toEqual({ combinator: 'and', rows: [] })
    expect(rowsToLogic({ combinator: 'or', rows: [] })).toBe(true)
  })

  it('types what people type', () => {
    expect(parseValue('100')).toBe(100)
    expect(parseValue('true')).toBe(true)
    expect(parseValue('gold')).toBe('gold')
    expect(parseValue('')).toBe('')
  })
})
