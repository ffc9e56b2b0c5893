/**
 * A tiny external store for React 19's useSyncExternalStore: one immutable state object, shallow
 * patches, and selectors. No library: the workbench's state is small and the flow itself lives in
 * the Yjs document, not here.
 */
import { useSyncExternalStore } from 'react'

export interface Store<T> {
  get(): T
  /** Merges a patch (or the patch a function returns) into the state; listeners hear only real changes. */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void
  subscribe(listener: () => void): () => void
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch
      if (Object.entries(changes).every(([key, value]) => Object.is(state[key as keyof T], value))) return
      state = { ...state, ...changes }
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * The part of a store a component reads; it re-renders only when that part changes (by Object.is).
 * Selectors must return a primitive or a reference already held in the state, never a new object.
 */
export function useStore<T, U>(store: Store<T>, select: (state: T) => U): U {
  return useSyncExternalStore(store.subscribe, () => select(store.get()), () => select(store.get()))
}

/** Anything with subscribe/getSnapshot (a flow session, for instance), read in React. */
export interface Subscribable<S> {
  subscribe(listener: () => void): () => void
  getSnapshot(): S
}

export function useSubscribable<S>(source: Subscribable<S>): S
export function useSubscribable<S>(source: Subscribable<S> | undefined): S | undefined
export function useSubscribable<S>(source: Subscribable<S> | undefined): S | undefined {
  const subscribe = source ? source.subscribe : noSubscribe
  const snapshot = source ? () => source.getSnapshot() : () => undefined
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}

const noSubscribe = () => () => {}
