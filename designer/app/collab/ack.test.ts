import { describe, expect, it } from 'vitest'
import { AckTracker } from './ack.ts'

describe('AckTracker', () => {
  it('acknowledges local changes once the probe sent after them is answered, not by the answer to the opening step 1', () => {
    const t = new AckTracker()
    t.connected()
    t.changed()
    expect(t.pending).toBe(true)
    expect(t.wantsProbe()).toBe(true)
    t.probed()
    expect(t.wantsProbe()).toBe(false) // one probe at a time
    t.changed()
    expect(t.answered()).toBe(false) // y-websocket's own step 1
    expect(t.pending).toBe(true)
    expect(t.answered()).toBe(true) // covers the first change only
    expect(t.pending).toBe(true)
    expect(t.wantsProbe()).toBe(true)
    t.probed()
    expect(t.answered()).toBe(true)
    expect(t.pending).toBe(false)
    expect(t.wantsProbe()).toBe(false)
  })

  it('forgets probes lost with a connection and asks again after reconnecting', () => {
    const t = new AckTracker()
    t.connected()
    t.changed()
    t.probed()
    t.disconnected()
    t.changed()
    expect(t.answered()).toBe(false)
    t.connected()
    expect(t.wantsProbe()).toBe(true)
    t.probed()
    expect(t.answered()).toBe(false)
    expect(t.answered()).toBe(true)
    expect(t.pending).toBe(false)
  })
})
