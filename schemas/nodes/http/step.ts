import type { HttpNode } from '../../types.gen.ts'
import type { CallHttpAction, HttpResponded, NodeType, StepContext, StepResult } from '../step.ts'
import { renderValue } from '../render-value.ts'
import schema from './schema.json' with { type: 'json' }

/** Reads an RFC 6901 JSON pointer (/order/items/0/name) from a response body; undefined when absent. */
export function readPointer(body: unknown, pointer: string): unknown {
  let value = body
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

function request(node: HttpNode, context: StepContext): CallHttpAction {
  const method = node.method ?? 'GET'
  return {
    type: 'call-http',
    request: `${node.id}:${context.session.seq}`,
    method,
    url: context.render(node.url),
    headers: Object.fromEntries(Object.entries(node.headers ?? {}).map(([name, value]) => [name, context.render(value as string)])),
    ...(method !== 'GET' && node.body !== undefined && { body: renderValue(node.body, context) }),
    timeoutSeconds: context.seconds(node.timeout ?? 'PT10S'),
    retries: node.retries ?? 1,
  }
}

function answered(node: HttpNode, event: HttpResponded): StepResult {
  const ok = event.status >= 200 && event.status < 300
  const mapped = ok ? Object.entries(node.responseMap ?? {}).map(([name, pointer]) => [name, readPointer(event.body, pointer as string) ?? null]) : []
  const set = Object.fromEntries([...mapped, ...(node.saveStatusAs ? [[node.saveStatusAs, event.status]] : [])])
  return { ...(Object.keys(set).length && { set }), exit: ok ? 'ok' : 'error' }
}

/** Calls a web service through the host (the step never does I/O) and maps the answer into variables. */
export const http: NodeType<HttpNode> = {
  type: 'http',
  schema,
  exitNames: () => ['ok', 'error'],
  setsVariables: (node) => [...Object.keys(node.responseMap ?? {}), ...(node.saveStatusAs ? [node.saveStatusAs] : [])],
  step: (node, context) => {
    const { event, state } = context
    if (event.type === 'node-entered') {
      const call = request(node, context)
      return { actions: [call], wait: { kind: 'http', request: call.request }, state: { request: call.request } }
    }
    if (event.type === 'http-responded' && event.request === state.request) return answered(node, event)
    if (event.type === 'timed-out') return { ...(node.saveStatusAs && { set: { [node.saveStatusAs]: 0 } }), exit: 'error' }
    return { wait: { kind: 'http', request: String(state.request) }, state }
  },
}
