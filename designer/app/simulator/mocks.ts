/**
 * HTTP mocks for the simulator: the answer the user gave a call, remembered per method and URL
 * pattern, so the next order number gets the same canned answer without typing it again.
 */
import type { CallHttpAction } from '../../../schemas/nodes/step.ts'

export interface MockAnswer {
  status: number
  body?: unknown
  error?: string
}

export const DEFAULT_MOCK: MockAnswer = { status: 200, body: {} }

/**
 * The pattern a call is remembered under: the method, and the URL without its query with every
 * path segment that holds a digit (an order number, an id) replaced by `*`.
 * GET https://shop.example/api/orders/1234567?x=1 → GET https://shop.example/api/orders/*
 */
export function mockKey(call: Pick<CallHttpAction, 'method' | 'url'>): string {
  const [base] = call.url.split(/[?#]/)
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(base)
  const origin = match ? match[1] : ''
  const path = (match ? match[2] : base)
    .split('/')
    .map((segment) => (/\d/.test(segment) ? '*' : segment))
    .join('/')
  return `${call.method} ${origin}${path}`
}

/** A mock answer as the editor shows it: `{ "status": 200, "body": {} }`, pretty-printed. */
export const mockText = (answer: MockAnswer) => JSON.stringify(answer, null, 2)

/** Reads the editor's text back; a message when it is not a mock answer. */
export function parseMock(text: string): { answer?: MockAnswer; error?: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'Write an object: { "status": 200, "body": {} }' }
  const { status, body, error, ...rest } = value as Record<string, unknown>
  if (!Number.isInteger(status) || (status as number) < 0 || (status as number) > 599) return { error: '"status" must be a whole number from 0 (no answer) to 599.' }
  if (error !== undefined && typeof error !== 'string') return { error: '"error" must be text.' }
  if (Object.keys(rest).length) return { error: `Only "status", "body" and "error" are allowed (not "${Object.keys(rest)[0]}").` }
  return { answer: { status: status as number, ...(body !== undefined && { body }), ...(error !== undefined && { error: error as string }) } }
}
