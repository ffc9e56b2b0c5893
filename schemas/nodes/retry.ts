/**
 * The "ask again, or leave" rule every question node shares (menu, input): a timeout or an answer
 * that is not understood re-asks until the retries are used up, then takes the `timeout` or
 * `invalid` exit. One place, so every question behaves the same for the customer.
 */
import type { Text } from '../types.gen.ts'
import type { AskAction, StepContext, StepResult } from './step.ts'

/** The retry fields a question node carries (same names and meaning on every node). */
export interface RetryPolicy {
  retries?: number
  invalidText?: Text
  timeout?: string
}

/** Waits for the customer's reply, with the node's timeout when it has one. */
export function replyWait(node: RetryPolicy, context: StepContext): NonNullable<StepResult['wait']> {
  return { kind: 'reply', ...(node.timeout && { timeoutSeconds: context.seconds(node.timeout) }) }
}

/** Asks for the first time and waits; the attempt counter starts at 0. */
export function askFirst(node: RetryPolicy, context: StepContext, ask: AskAction): StepResult {
  return { actions: [ask], wait: replyWait(node, context), state: { attempts: 0 } }
}

/**
 * Asks again (after the invalid text when the answer was not understood), or leaves through `exit`
 * once the retries are used up. An invalid answer counts as a no-match for escalation triggers;
 * silence does not.
 */
export function retryOrLeave(node: RetryPolicy, context: StepContext, exit: 'invalid' | 'timeout', ask: () => AskAction): StepResult {
  const attempts = Number(context.state.attempts ?? 0) + 1
  const noMatch = exit === 'invalid' ? { noMatch: true } : {}
  if (attempts > (node.retries ?? 2)) return { exit, ...noMatch }
  const sorry = exit === 'invalid' && node.invalidText ? [{ type: 'say' as const, text: context.text(node.invalidText) }] : []
  return { actions: [...sorry, ask()], wait: replyWait(node, context), state: { attempts }, ...noMatch }
}
