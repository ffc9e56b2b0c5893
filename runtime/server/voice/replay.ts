/**
 * Redelivery for the voice webhook: the TwiML answered for a request id, kept so a retried request
 * (Twilio retries on timeouts) gets the same answer without advancing the conversation twice.
 * A retry that arrives while the first is still being answered waits for that same answer.
 */

export interface AnswerCache {
  /** The answer for `id`: remembered, in flight, or produced now by `answer` (and remembered when `keep` says so). */
  once(id: string, answer: () => Promise<{ twiml: string; keep: boolean }>): Promise<string>
  get(id: string): string | undefined
}

/** An in-memory LRU of answers; `size` bounds memory (one entry per caller turn). */
export function createAnswerCache(size = 5000): AnswerCache {
  const answers = new Map<string, string>()
  const inFlight = new Map<string, Promise<string>>()

  function remember(id: string, twiml: string) {
    answers.delete(id)
    answers.set(id, twiml)
    while (answers.size > size) answers.delete(answers.keys().next().value!)
  }

  return {
    get: (id) => answers.get(id),
    once(id, answer) {
      const known = answers.get(id)
      if (known !== undefined) return Promise.resolve(known)
      const pending = inFlight.get(id)
      if (pending) return pending
      const promise = answer()
        .then(({ twiml, keep }) => {
          if (keep) remember(id, twiml)
          return twiml
        })
        .finally(() => inFlight.delete(id))
      inFlight.set(id, promise)
      return promise
    },
  }
}
