/**
 * The one validator the CLI, the runtime and the designer share: JSON syntax, then the JSON Schema
 * (ajv, 2020-12), then lint rules with stable codes. Never throws, whatever it is given.
 */
import Ajv2020 from 'ajv/dist/2020.js'
import type { ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import type { Flow, FlowNode } from './nodes/step.ts'
import { nodeTypes } from './nodes/index.ts'
import { lintRules } from './lint/index.ts'
import type { FlowIndex, Problem } from './lint/rule.ts'
import flowSchema from './flow.schema.json' with { type: 'json' }
import nodeSchema from './node.schema.json' with { type: 'json' }
import triggerSchema from './trigger.schema.json' with { type: 'json' }
import commonSchema from './common.schema.json' with { type: 'json' }

export type { Problem } from './lint/rule.ts'

function buildValidator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, discriminator: true, allowUnionTypes: true })
  addFormats.default(ajv)
  // Hints for the designer; declared so strict mode stays on.
  for (const keyword of ['x-form', 'x-icon', 'x-help']) ajv.addKeyword({ keyword, schemaType: ['string', 'object', 'boolean'] })
  ajv.addSchema(commonSchema).addSchema(triggerSchema)
  for (const type of Object.values(nodeTypes)) ajv.addSchema(type.schema)
  ajv.addSchema(nodeSchema)
  return ajv.compile(flowSchema)
}

let compiled: ReturnType<typeof buildValidator> | undefined
const schemaValidator = () => (compiled ??= buildValidator())

const nodeAt = (flow: unknown, pointer: string): FlowNode | undefined => {
  const match = /^\/nodes\/(\d+)/.exec(pointer)
  const nodes = (flow as { nodes?: unknown })?.nodes
  return match && Array.isArray(nodes) ? nodes[Number(match[1])] : undefined
}

function schemaMessage(error: ErrorObject): string {
  const field = error.instancePath.split('/').pop() || 'the flow'
  switch (error.keyword) {
    case 'required':
      return `'${error.params.missingProperty}' is required here`
    case 'additionalProperties':
      return `'${error.params.additionalProperty}' is not a field of ${field}`
    case 'discriminator':
      return error.params.error === 'mapping'
        ? `Unknown node type '${error.params.tagValue}'; known types: ${Object.keys(nodeTypes).join(', ')}`
        : "Every node needs a 'type' (a string such as \"menu\")"
    case 'enum':
      return `'${field}' must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'false schema':
      return `'${field}' is not allowed here`
    case 'anyOf':
    case 'oneOf':
      return `'${field}' does not have any of the accepted forms`
    case 'const':
      return `'${field}' must be ${JSON.stringify(error.params.allowedValue)}`
    case 'pattern':
      return `'${field}' has the wrong form (${error.parentSchema?.description ?? `expected ${error.params.pattern}`})`
    default:
      return `'${field}' ${error.message}`
  }
}

/** Schema problems, one per place (ajv reports the same spot several times through anyOf/if). */
function schemaProblems(flow: unknown): Problem[] {
  const validate = schemaValidator()
  if (validate(flow)) return []
  const seen = new Set<string>()
  const problems: Problem[] = []
  const errors = validate.errors ?? []
  // anyOf/oneOf/if summaries repeat their branches' errors; keep them only where nothing more precise was said
  const precise = errors.filter((e) => !['if', 'anyOf', 'oneOf'].includes(e.keyword))
  for (const error of precise.length ? precise : errors.filter((e) => e.keyword !== 'if')) {
    const pointer = error.keyword === 'additionalProperties' ? `${error.instancePath}/${error.params.additionalProperty}` : error.instancePath
    const message = schemaMessage(error)
    if (seen.has(pointer + message)) continue
    seen.add(pointer + message)
    const node = nodeAt(flow, error.instancePath)
    problems.push({ code: 'SCHEMA', severity: 'error', pointer, message, source: 'schema', ...(typeof node?.id === 'string' && { node: node.id }) })
  }
  return problems
}

const escapePointer = (part: string | number) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')

/** Builds the facts lint rules share (graph, names, pointers) once per validation. */
export function indexFlow(flow: Flow): FlowIndex {
  const byId = new Map<string, FlowNode>()
  const indexOf = new Map<string, number>()
  for (let i = 0; i < flow.nodes.length; i++) {
    const node = flow.nodes[i]
    if (byId.has(node.id)) continue
    byId.set(node.id, node)
    indexOf.set(node.id, i)
  }
  // several rules ask for every node's exit names: computed once per node (rules only read the arrays)
  const exitNamesOf = new Map<FlowNode, string[]>()
  const exitNames = (node: FlowNode) => {
    let names = exitNamesOf.get(node)
    if (!names) exitNamesOf.set(node, (names = nodeTypes[node.type]?.exitNames(node) ?? []))
    return names
  }
  const reachable = new Set<string>()
  const queue = [flow.start, ...(flow.triggers ?? []).map((t) => t.goto).filter((g): g is string => !!g)]
  while (queue.length) {
    const id = queue.pop()!
    const node = byId.get(id)
    if (!node || reachable.has(id)) continue
    reachable.add(id)
    for (const target of Object.values(node.exits ?? {})) if (target) queue.push(target)
  }
  const typeTitle = (node: FlowNode) => String(nodeTypes[node.type]?.schema.title ?? node.type)
  return {
    flow,
    byId,
    indexOf,
    exitNames,
    reachable,
    label: (node) => `${typeTitle(node)} '${node.name ?? node.id}'`,
    pointer: (node, ...path) => ['', 'nodes', indexOf.get(node.id) ?? 0, ...path].map(escapePointer).join('/'),
    memo: new Map(),
  }
}

function lintProblems(flow: Flow): Problem[] {
  const index = indexFlow(flow)
  const problems: Problem[] = []
  for (const rule of lintRules)
    for (const finding of rule.check(index)) {
      // the fields in the order { code, source, ...finding, severity } gives, without its slow path
      // (on Node 20 a property after a spread costs microseconds, and a flow can have hundreds of findings)
      const problem = Object.assign({ code: rule.code, source: 'lint' as const }, finding) as Problem
      problem.severity = finding.severity ?? rule.severity
      problems.push(problem)
    }
  return problems
}

/** Every problem of a parsed flow: schema first; lint runs only on a schema-valid flow. Never throws. */
export function validateFlow(flow: unknown): Problem[] {
  try {
    const schema = schemaProblems(flow)
    return schema.length ? schema : lintProblems(flow as Flow)
  } catch (error) {
    return [{ code: 'INTERNAL', severity: 'error', pointer: '', source: 'schema', message: `The validator failed: ${(error as Error).message}` }]
  }
}

/** Parses and validates a flow file's text. A JSON syntax error becomes one problem with its line and column. */
export function validateText(text: string): { flow?: Flow; problems: Problem[] } {
  let flow: unknown
  try {
    flow = JSON.parse(text)
  } catch (error) {
    return { problems: [{ code: 'JSON', severity: 'error', pointer: '', source: 'json', message: jsonErrorMessage(text, error as Error) }] }
  }
  const problems = validateFlow(flow)
  return { problems, ...(!problems.some((p) => p.source !== 'lint') && { flow: flow as Flow }) }
}

function jsonErrorMessage(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)
  if (!position) return `Not valid JSON: ${error.message}`
  const before = text.slice(0, Number(position[1]))
  const line = before.split('\n').length
  const column = Number(position[1]) - before.lastIndexOf('\n')
  return `Not valid JSON at line ${line}, column ${column}: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`
}

/** Whether problems stop a flow from running (errors do; warnings and info do not). */
export const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === 'error')
