/** The contract of one lint rule: a stable CODE, a severity, and a pure check over a schema-valid flow. */
import type { Flow, FlowNode } from '../nodes/step.ts'

export type Severity = 'error' | 'warning' | 'info'

/** One problem, for the CLI (`file: /pointer: CODE message`), the runtime's deploy refusal and the designer's Problems panel. */
export interface Problem {
  code: string
  severity: Severity
  /** JSON pointer into the flow file (RFC 6901), '' for the whole file. */
  pointer: string
  /** Written for a marketer: names nodes and options by their display names. */
  message: string
  /** Id of the node the problem concerns, so the canvas can badge it. */
  node?: string
  source: 'json' | 'schema' | 'lint'
}

export type Finding = Omit<Problem, 'code' | 'severity' | 'source'> & { severity?: Severity }

/** Precomputed facts about a flow every rule may use (built once per validation). */
export interface FlowIndex {
  flow: Flow
  byId: Map<string, FlowNode>
  /** Position of each node in flow.nodes, for JSON pointers. */
  indexOf: Map<string, number>
  /** Exit names of each node per its type's exitNames(). */
  exitNames(node: FlowNode): string[]
  /** Node ids reachable from the start and from every goto trigger. */
  reachable: Set<string>
  /** How a node is called in messages: Menu 'Main menu'. */
  label(node: FlowNode): string
  pointer(node: FlowNode, ...path: (string | number)[]): string
  /** Values shared helpers compute once per validation (see perValidation in memo.ts). */
  memo: Map<object, unknown>
}

export interface LintRule {
  code: string
  severity: Severity
  /** One sentence: what the rule protects the customer or the team from. */
  description: string
  check(index: FlowIndex): Finding[]
}
