import { describe, expect, it } from 'vitest'
import { completeMention, handleOf, mentionAt, mentionCandidates, mentions, mentionsIn, splitMentions } from './mentions.ts'

describe('mentions', () => {
  it('reads @handles, each once, not inside e-mail addresses', () => {
    expect(mentionsIn('@Ada_Lovelace please look, cc @bob. and @Ada_Lovelace again; mail me@example.com')).toEqual(['Ada_Lovelace', 'bob'])
    expect(mentionsIn('(@zoë) @x')).toEqual(['zoë', 'x'])
  })

  it('turns names into handles and matches them case-insensitively', () => {
    expect(handleOf(' Ada  Lovelace ')).toBe('Ada_Lovelace')
    expect(handleOf('Guest 12')).toBe('Guest_12')
    expect(mentions('thanks @guest_12!', 'Guest 12')).toBe(true)
    expect(mentions('thanks @guest_1', 'Guest 12')).toBe(false)
  })

  it('finds the mention being typed at the caret', () => {
    expect(mentionAt('hi @Ad', 6)).toEqual({ start: 3, query: 'Ad' })
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionAt('hi @Ada there', 13)).toBeUndefined()
    expect(mentionAt('me@exa', 6)).toBeUndefined()
  })

  it('offers names starting with the query first, then containing it', () => {
    expect(mentionCandidates(['Bob', 'Ada Lovelace', 'Guest 7', 'Ada Lovelace', 'Ladan'], 'ada')).toEqual(['Ada Lovelace', 'Ladan'])
    expect(mentionCandidates(['Bob', 'Guest 7'], '')).toEqual(['Bob', 'Guest 7'])
  })

  it('completes the mention with the handle and a space', () => {
    expect(completeMention('hi @ad and more', 6, 'Ada Lovelace')).toEqual({ text: 'hi @Ada_Lovelace  and more', caret: 17 })
    expect(completeMention('no mention', 3, 'Ada')).toEqual({ text: 'no mention', caret: 3 })
  })

  it('splits text into plain runs and mentions', () => {
    expect(splitMentions('hey @bob, see @Ada_L.')).toEqual([{ text: 'hey ' }, { text: '@bob', mention: 'bob' }, { text: ', see ' }, { text: '@Ada_L', mention: 'Ada_L' }, { text: '.' }])
  })
})
