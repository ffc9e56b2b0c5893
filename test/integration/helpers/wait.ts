/** Condition polling for integration tests: a bounded number of short polls, never a wall-clock deadline. */

/** Polls `condition` until it holds, up to `tries` times; throws with `what` when it never does. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what = 'condition', tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await condition()) return
    await new Promise((resolve) => setImmediate(resolve))
    if (i > 20) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`gave up waiting for ${what} after ${tries} polls`)
}

/** Lets pending I/O and queued tasks run a few rounds (to show that something did NOT happen). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 1))
}
