/**
 * The live web chat sockets, grouped by conversation key (`webchat:<site key>:<session id>`).
 * Shared by the /webchat route (which joins sockets) and the webchat channel adapter (which
 * pushes the bot's frames), so one conversation open in several tabs sees every message.
 */
export interface HubSocket {
  send(data: string): void
  readonly readyState: number
}

const OPEN = 1

export interface WebchatHub {
  join(key: string, socket: HubSocket): void
  leave(key: string, socket: HubSocket): void
  /** Sends a frame to every open socket of the conversation but `except`; returns how many got it. */
  broadcast(key: string, frame: object, except?: HubSocket): number
  size(key: string): number
}

export function createWebchatHub(): WebchatHub {
  const rooms = new Map<string, Set<HubSocket>>()
  return {
    join(key, socket) {
      const room = rooms.get(key) ?? new Set()
      room.add(socket)
      rooms.set(key, room)
    },
    leave(key, socket) {
      const room = rooms.get(key)
      room?.delete(socket)
      if (room?.size === 0) rooms.delete(key)
    },
    broadcast(key, frame, except) {
      const data = JSON.stringify(frame)
      let delivered = 0
      for (const socket of rooms.get(key) ?? []) {
        if (socket === except || socket.readyState !== OPEN) continue
        socket.send(data)
        delivered++
      }
      return delivered
    },
    size: (key) => rooms.get(key)?.size ?? 0,
  }
}
