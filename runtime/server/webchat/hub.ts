/**
 * The live web chat sockets, grouped by conversation key (`webchat:<site key>:<session id>`).
 * Shared by the /webchat route (which joins sockets) and the webchat channel adapter (which
 * pushes the bot's frames), so one conversation open in several tabs sees every message.
 *
 * Sockets live in one process. With several runtimes on one store (Redis), a frame may be produced
 * on another machine than the one holding the customer's socket (a timer fired there, an agent's
 * message sent through its desk API): a bus (redis-bus.ts, Redis pub/sub) carries every broadcast
 * to the runtimes that hold a socket of that conversation.
 */
export interface HubSocket {
  send(data: string): void
  readonly readyState: number
}

const OPEN = 1

export interface WebchatHub {
  join(key: string, socket: HubSocket): void
  leave(key: string, socket: HubSocket): void
  /** Sends a frame to every open socket of the conversation but `except` (and through the bus to other runtimes'); returns how many here got it. */
  broadcast(key: string, frame: object, except?: HubSocket): number
  size(key: string): number
}

/** Carries frames between runtimes: `watch` while this process holds a socket of the conversation. */
export interface HubBus {
  watch(key: string): void
  unwatch(key: string): void
  publish(key: string, data: string): void
}

/** The hub, and `deliver` for the bus: a frame (JSON text) from another runtime for the sockets here. */
export function createWebchatHub(bus?: HubBus): WebchatHub & { deliver(key: string, data: string): number } {
  const rooms = new Map<string, Set<HubSocket>>()
  const deliver = (key: string, data: string, except?: HubSocket) => {
    let delivered = 0
    for (const socket of rooms.get(key) ?? []) {
      if (socket === except || socket.readyState !== OPEN) continue
      socket.send(data)
      delivered++
    }
    return delivered
  }
  return {
    join(key, socket) {
      let room = rooms.get(key)
      if (!room) {
        rooms.set(key, (room = new Set()))
        bus?.watch(key)
      }
      room.add(socket)
    },
    leave(key, socket) {
      const room = rooms.get(key)
      room?.delete(socket)
      if (room?.size === 0) {
        rooms.delete(key)
        bus?.unwatch(key)
      }
    },
    broadcast(key, frame, except) {
      const data = JSON.stringify(frame)
      bus?.publish(key, data)
      return deliver(key, data, except)
    },
    deliver: (key, data) => deliver(key, data),
    size: (key) => rooms.get(key)?.size ?? 0,
  }
}
