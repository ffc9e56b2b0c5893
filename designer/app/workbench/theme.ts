/**
 * Light and dark themes are CSS variables (workbench.css); the page follows the system unless the
 * user picked one from the command palette, remembered in localStorage.
 */
export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'switchboard.theme'

export function currentTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/** Sets data-theme on <html>: absent follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice = currentTheme()): void {
  const root = document.documentElement
  if (choice === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', choice)
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, choice)
  } catch {
    // not remembered, but applied
  }
  applyTheme(choice)
}

/** Whether the page shows dark now (Monaco and React Flow take their own theme from it). */
export function isDark(): boolean {
  const forced = document.documentElement.getAttribute('data-theme')
  return forced ? forced === 'dark' : typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
}
