import { describe, expect, it } from 'vitest'
import { createWebchatHub, type HubBus, type HubSocket } from './hub.ts'

const socket = (open = true) => {
  const got: string[] = []
  return { got, readyState: open ? 1 : 3, send: (data: string) => void got.push(data) } satisfies HubSocket & { got: string[] }
}

describe('web chat hub', () => {
  it('sends a frame to every open socket of the conversation but the one it came from', () => {
    const hub = createWebchatHub()
    const [a, b, closed, other] = [socket(), socket(), socket(false), socket()]
    for (const s of [a, b, closed]) hub.join('k1', s)
    hub.join('k2', other)
    expect(hub.broadcast('k1', { type: 'message', text: 'hi' }, a)).toBe(1)
    expect([a.got, b.got, closed.got, other.got]).toEqual([[], ['{"type":"message","text":"hi"}'], [], []])
  })

  it('with a bus: watches a conversation while a socket of it is here, publishes every broadcast, delivers what others published', () => {
    const calls: string[] = []
    const bus: HubBus = { watch: (k) => void calls.push(`watch ${k}`), unwatch: (k) => void calls.push(`unwatch ${k}`), publish: (k, d) => void calls.push(`publish ${k} ${d}`) }
    const hub = createWebchatHub(bus)
    const [a, b] = [socket(), socket()]
    hub.join('k1', a)
    hub.join('k1', b)
    hub.broadcast('k1', { type: 'typing', on: true }, a)
    // a frame produced on another runtime: to every socket here, none excepted, and not published again
    expect(hub.deliver('k1', '{"type":"message","text":"from B"}')).toBe(2)
    hub.leave('k1', a)
    hub.leave('k1', b)
    expect(hub.deliver('k1', '{"type":"message","text":"late"}')).toBe(0)
    expect(calls).toEqual(['watch k1', 'publish k1 {"type":"typing","on":true}', 'unwatch k1'])
    expect(a.got).toEqual(['{"type":"message","text":"from B"}'])
    expect(b.got).toEqual(['{"type":"typing","on":true}', '{"type":"message","text":"from B"}'])
  })
})
