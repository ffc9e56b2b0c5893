import { describe, expect, it } from 'vitest'
import { colorFor, COLORS, initials, peersOf, viewportCenter } from './presence.ts'

describe('peersOf', () => {
  it('maps awareness states to peers, leaving out this client and states without a named user', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Me', color: '#000000' } }],
      [7, { user: { name: 'Zoe', color: '#e5484d' }, cursor: { x: 10, y: 20 }, selection: ['a', 3, 'b'], viewport: { x: 1, y: 2, zoom: 1.5, width: 800, height: 600 } }],
      [3, { user: { name: '  Ada  ', color: 'red; background: url(x)' }, cursor: { x: 'NaN' }, selection: 'a', viewport: { x: 0, y: 0, zoom: 0, width: 1, height: 1 }, viewer: true }],
      [4, { cursor: { x: 1, y: 1 } }],
      [5, null],
      [6, { user: { name: '' } }],
    ])
    expect(peersOf(states, 1)).toEqual([
      { clientId: 3, user: { name: 'Ada', color: colorFor('Ada') }, cursor: null, selection: [], viewport: null, viewer: true },
      { clientId: 7, user: { name: 'Zoe', color: '#e5484d' }, cursor: { x: 10, y: 20 }, selection: ['a', 'b'], viewport: { x: 1, y: 2, zoom: 1.5, width: 800, height: 600 }, viewer: false },
    ])
  })

  it('orders peers with the same name by client id', () => {
    const states = new Map<number, unknown>([[9, { user: { name: 'Guest 1' } }], [2, { user: { name: 'Guest 1' } }]])
    expect(peersOf(states, 0).map((p) => p.clientId)).toEqual([2, 9])
  })
})

describe('presence helpers', () => {
  it('gives a name the same colour every time, from the palette', () => {
    expect(colorFor('Ada Lovelace')).toBe(colorFor('Ada Lovelace'))
    expect(COLORS).toContain(colorFor('Grace'))
  })

  it('makes initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('guest 3')).toBe('G3')
    expect(initials('bob')).toBe('BO')
    expect(initials('  ')).toBe('?')
  })

  it('finds the flow point at the centre of a viewport', () => {
    expect(viewportCenter({ x: 100, y: 50, zoom: 2, width: 800, height: 600 })).toEqual({ x: 150, y: 125, zoom: 2 })
  })
})
