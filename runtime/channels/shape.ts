/** Tiny guards for reading untrusted provider payloads without throwing. */

export type Json = Record<string, unknown>

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A non-empty string field, or undefined. */
export const stringField = (object: Json, key: string): string | undefined => {
  const value = object[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** An array field; missing counts as empty, anything else is undefined (malformed). */
export const arrayField = (object: Json, key: string): unknown[] | undefined => {
  const value = object[key]
  if (value === undefined) return []
  return Array.isArray(value) ? value : undefined
}

/** Thrown inside a parser to abort with a message; parsers catch it and return `{ error }`. */
export class Malformed extends Error {}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Malformed(what)
  return value
}
