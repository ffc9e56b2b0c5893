/** Keyboard shortcuts written once as "Mod+Shift+P" (Mod = Cmd on a Mac, Ctrl elsewhere): matched and displayed. */

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

interface Chord {
  mod: boolean
  shift: boolean
  alt: boolean
  key: string
}

function parse(shortcut: string): Chord {
  const parts = shortcut.split('+')
  const key = parts.pop()!.toLowerCase() || '+'
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key }
}

const codeKey = (code: string) => code.replace(/^Key|^Digit/, '').toLowerCase().replace('backslash', '\\').replace('slash', '/')

export function matches(event: KeyboardEvent, shortcut: string): boolean {
  const chord = parse(shortcut)
  const mod = isMac ? event.metaKey : event.ctrlKey
  if (chord.mod !== mod || chord.shift !== event.shiftKey || chord.alt !== event.altKey) return false
  if (!chord.mod && (isMac ? event.ctrlKey : event.metaKey)) return false
  return event.key.toLowerCase() === chord.key || codeKey(event.code) === chord.key
}

const macSymbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' }

/** The shortcut as this platform writes it: ⌘⇧P on a Mac, Ctrl+Shift+P elsewhere. */
export function formatShortcut(shortcut: string): string {
  const parts = shortcut.split('+')
  const key = parts.pop() || '+'
  const label = key.length === 1 ? key.toUpperCase() : key
  if (isMac) return parts.map((p) => macSymbols[p] ?? p).join('') + label
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), label].join('+')
}

/** Focus is where typing goes (a field, Monaco): shortcuts that edit the canvas stay out of its way. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.closest !== 'function') return false
  return element.isContentEditable || !!element.closest('input, textarea, select, [contenteditable="true"], .monaco-editor')
}
