/**
 * Runs tasks one after another per key and in parallel across keys: one conversation's
 * messages are processed strictly in order, different conversations concurrently.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve()
      const next = previous.then(task, task)
      const tail = next.catch(() => undefined)
      tails.set(key, tail)
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return next
    },
    /** Resolves when every queued task has finished. */
    async idle(): Promise<void> {
      while (tails.size) await Promise.all([...tails.values()])
    },
  }
}
