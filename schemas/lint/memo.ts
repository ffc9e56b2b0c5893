/** Facts lint computes once per validation, keyed by the validation's FlowIndex. */

/**
 * A function that computes a value once per validation object (a FlowIndex) and hands it back after.
 * A WeakMap keeps each validation's value; the last one is also kept beside it, because rules ask
 * thousands of times per validation and the WeakMap lookup each time was measurable. (That pins one
 * finished validation in memory until the next starts.)
 */
export function perValidation<T>(create: (owner: object) => T): (owner: object) => T {
  const values = new WeakMap<object, T>()
  let lastOwner: object | undefined
  let lastValue: T | undefined
  return (owner) => {
    if (owner === lastOwner) return lastValue as T
    let value = values.get(owner)
    if (value === undefined) values.set(owner, (value = create(owner)))
    lastOwner = owner
    lastValue = value
    return value
  }
}
