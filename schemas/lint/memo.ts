/** Facts lint computes once per validation, kept on the validation's FlowIndex. */
import type { FlowIndex } from './rule.ts'

/**
 * A function that computes a value once per validation (per FlowIndex) and hands it back after.
 * The value lives in the index's own memo, so it goes when the validation does: no global table to
 * look up thousands of times per validation, and nothing kept alive after it.
 */
export function perValidation<T>(create: (index: FlowIndex) => T): (index: FlowIndex) => T {
  const key = {}
  return (index) => {
    let value = index.memo.get(key) as T | undefined
    if (value === undefined) index.memo.set(key, (value = create(index)))
    return value
  }
}
