/** Pane sizes the user dragged, remembered in localStorage across reloads. */
import { useCallback, useState } from 'react'

const PREFIX = 'switchboard.layout.'

export function readSize(key: string, fallback: number): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(PREFIX + key))
    return Number.isFinite(value) && value > 0 ? value : fallback
  } catch {
    return fallback
  }
}

export function writeSize(key: string, value: number): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, String(Math.round(value)))
  } catch {
    // private mode or a full quota: the size is simply not remembered
  }
}

/** A size in pixels kept between `min` and `max`, persisted under `key`. */
export function usePaneSize(key: string, fallback: number, min: number, max: number): [number, (size: number) => void] {
  const clamp = (n: number) => Math.min(max, Math.max(min, n))
  const [size, setSize] = useState(() => clamp(readSize(key, fallback)))
  const update = useCallback(
    (next: number) => {
      const value = Math.min(max, Math.max(min, next))
      setSize(value)
      writeSize(key, value)
    },
    [key, min, max],
  )
  return [size, update]
}
