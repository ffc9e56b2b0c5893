/**
 * Executes the engine's notify action: POSTs its body as JSON to its url (a supervisor webhook),
 * through the HTTP executor, so secrets, the address policy, time-outs and retries are the same.
 * A notification without a url has nowhere to go and resolves; a failed one (after retries) throws so
 * the host marks its outbox record failed.
 */
import type { NotifyAction } from '../../../schemas/nodes/step.ts'
import { createHttpExecutor, type HttpExecutorOptions } from './call-http.ts'

export interface NotifierOptions extends HttpExecutorOptions {
  timeoutSeconds?: number
  retries?: number
}

export function createNotifier(options: NotifierOptions = {}) {
  const { timeoutSeconds = 10, retries = 2 } = options
  const execute = createHttpExecutor(options)
  return async function notify(action: NotifyAction): Promise<void> {
    if (!action.url) return
    const result = await execute({
      type: 'call-http',
      request: `notify:${action.event}`,
      method: 'POST',
      url: action.url,
      headers: { 'content-type': 'application/json' },
      body: { ...action.body },
      timeoutSeconds,
      retries,
    })
    if (result.status < 200 || result.status >= 300) throw new Error(`notify ${action.event} failed: ${result.error ?? `HTTP ${result.status}`}`)
  }
}
