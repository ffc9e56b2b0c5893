/**
 * Who this participant is: a name asked once and remembered (localStorage), a colour from the name.
 * One store for the page, so renaming yourself updates every open flow's awareness at once.
 */
import { createStore } from '../state/store.ts'
import { colorFor, guestName, type User } from './presence.ts'

const KEY = 'switchboard.user'

function remembered(): User | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<User> | null
    return value && typeof value.name === 'string' && value.name.trim() ? { name: value.name.trim(), color: typeof value.color === 'string' ? value.color : colorFor(value.name) } : undefined
  } catch {
    return undefined
  }
}

const known = remembered()
const guest = guestName(1 + Math.floor(Math.random() * 99))

/** The participant (a guest until they chose a name) and whether they have chosen one yet. */
export const userStore = createStore<{ user: User; chosen: boolean }>({ user: known ?? { name: guest, color: colorFor(guest) }, chosen: !!known })

export function chooseName(name: string): void {
  const trimmed = name.trim().slice(0, 60) || userStore.get().user.name
  const user = { name: trimmed, color: colorFor(trimmed) }
  try {
    localStorage.setItem(KEY, JSON.stringify(user))
  } catch {
    // not remembered, but used
  }
  userStore.set({ user, chosen: true })
}
