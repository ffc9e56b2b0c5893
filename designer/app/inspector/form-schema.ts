/**
 * Turns our JSON Schemas (2020-12, $refs across files, x-form hints) into what rjsf renders: one
 * self-contained schema with every $ref inlined and the hints moved into a uiSchema. The widget of a
 * field comes from its `x-form` hint, else from the shared definition it references (a `text` is a
 * localized text, a `logic` a condition, `words` synonyms per language, `variableName` a variable
 * picker), so no node type is named here (STYLE rule 3).
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import commonSchema from '../../../schemas/common.schema.json' with { type: 'json' }
import triggerSchema from '../../../schemas/trigger.schema.json' with { type: 'json' }
import flowSchema from '../../../schemas/flow.schema.json' with { type: 'json' }

type Json = Record<string, any>

/** The custom fields the inspector registers with rjsf, keyed as they appear in `ui:field`. */
export type WidgetName = 'localized-text' | 'option-list' | 'logic' | 'words' | 'variable' | 'node-picker' | 'tags' | 'language-picker' | 'variables'

const widgetOfDef: Record<string, WidgetName> = { text: 'localized-text', logic: 'logic', words: 'words', variableName: 'variable' }

/** Every schema file by the path its $id gives it, so refs resolve the way ajv resolves them on disk. */
function schemaFiles(): Map<string, Json> {
  const files = new Map<string, Json>([
    ['common.schema.json', commonSchema],
    ['trigger.schema.json', triggerSchema],
    ['flow.schema.json', flowSchema],
  ])
  for (const type of Object.values(nodeTypes)) files.set(String(type.schema.$id), type.schema)
  return files
}

function joinPath(base: string, relative: string): string {
  const parts = base.split('/').slice(0, -1)
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}

export interface FormSchema {
  schema: RJSFSchema
  uiSchema: UiSchema
}

interface Resolved {
  schema: Json
  ui: Json
}

/**
 * Inlines every $ref of `root` (read from `file`), returning the schema and the uiSchema side by side.
 * Our schemas are not recursive; a ref met again on its own path is left as `{}` rather than looping.
 */
export function resolveForm(root: Json, file: string, files = schemaFiles()): Resolved {
  const walk = (node: unknown, at: string, stack: string[]): Resolved => {
    if (Array.isArray(node)) return { schema: node.map((n) => walk(n, at, stack).schema) as unknown as Json, ui: {} }
    if (!node || typeof node !== 'object') return { schema: node as Json, ui: {} }
    const source = node as Json
    let ui: Json = {}
    let out: Json = {}
    if (typeof source.$ref === 'string') {
      const [target, pointer = ''] = source.$ref.split('#')
      const targetFile = target ? joinPath(at, target) : at
      const key = `${targetFile}#${pointer}`
      let schema: any = files.get(targetFile)
      for (const part of pointer.split('/').filter(Boolean)) schema = schema?.[part]
      if (schema && !stack.includes(key)) {
        const inner = walk(schema, targetFile, [...stack, key])
        out = { ...inner.schema }
        ui = inner.ui
        const def = /\/\$defs\/([A-Za-z]+)$/.exec(pointer)?.[1]
        if (def && widgetOfDef[def]) ui = { ...ui, 'ui:field': widgetOfDef[def] }
        // the widget explains a text or a condition better than the definition's technical note
        if (def === 'text' || def === 'logic' || def === 'words') delete out.description
      }
    }
    for (const [k, v] of Object.entries(source)) {
      if (k === '$ref' || k === '$id' || k === '$schema' || k === '$defs' || k === 'discriminator') continue
      if (k === 'x-form') {
        const widget = (v as { widget?: string }).widget
        if (widget === 'textarea') ui['ui:widget'] = 'textarea'
        else if (widget) ui['ui:field'] = widget
        continue
      }
      if (k.startsWith('x-')) continue
      if (k === 'properties') {
        const properties: Json = {}
        for (const [name, child] of Object.entries(v as Json)) {
          const resolved = walk(child, at, stack)
          properties[name] = resolved.schema
          if (Object.keys(resolved.ui).length) ui[name] = { ...ui[name], ...resolved.ui }
        }
        out.properties = properties
      } else if (k === 'items' && v && typeof v === 'object' && !Array.isArray(v)) {
        const resolved = walk(v, at, stack)
        out.items = resolved.schema
        // an item's card needs no "Branches-1" heading; its fields say what it is
        if (resolved.schema.type === 'object' && !resolved.ui['ui:field']) Object.assign(resolved.ui, { 'ui:title': '', 'ui:description': '' })
        if (Object.keys(resolved.ui).length) ui.items = resolved.ui
      } else out[k] = walk(v, at, stack).schema
    }
    if (ui['ui:field']) Object.assign(ui, { 'ui:fieldReplacesAnyOrOneOf': true, 'ui:options': { ...ui['ui:options'], label: false } })
    return { schema: out, ui }
  }
  return walk(root, file, [])
}

/** Leaves properties out of a resolved object schema (and out of its `required`). */
function omit(resolved: Resolved, keys: string[]): Resolved {
  const schema: Json = { ...resolved.schema, properties: { ...resolved.schema.properties } }
  for (const key of keys) delete schema.properties[key]
  if (Array.isArray(schema.required)) schema.required = schema.required.filter((k: string) => !keys.includes(k))
  const ui = { ...resolved.ui }
  for (const key of keys) delete ui[key]
  return { schema, ui }
}

/** Node fields the inspector never shows as form fields: the id has its own rename box; the rest belong to the canvas. */
export const hiddenNodeFields = ['id', 'type', 'exits', 'position']
/** Flow fields edited elsewhere (nodes, frames on the canvas; the version by deploys) or rarely by hand. */
export const hiddenFlowFields = ['$schema', 'id', 'version', 'nodes', 'frames', 'bindings']

const cache = new Map<string, FormSchema>()

/** The form of one node type: its schema with refs inlined and canvas-owned fields left out. */
export function nodeFormSchema(type: string): FormSchema | undefined {
  const known = cache.get(type)
  if (known) return known
  const nodeType = nodeTypes[type]
  if (!nodeType) return undefined
  const resolved = omit(resolveForm(nodeType.schema as Json, String(nodeType.schema.$id)), hiddenNodeFields)
  // the inspector's header shows the type's title and help; the form starts with the fields
  const { examples: _examples, title: _title, description: _description, ...schema } = resolved.schema
  const form = { schema: schema as RJSFSchema, uiSchema: { ...resolved.ui, notes: { 'ui:widget': 'textarea' } } as UiSchema }
  cache.set(type, form)
  return form
}

/** The form of the flow itself (name, channels, languages, variables, triggers…). */
export function flowFormSchema(): FormSchema {
  const known = cache.get('$flow')
  if (known) return known
  const resolved = omit(resolveForm(flowSchema as Json, 'flow.schema.json'), hiddenFlowFields)
  const field = (name: WidgetName) => ({ 'ui:field': name, 'ui:fieldReplacesAnyOrOneOf': true, 'ui:options': { label: false } })
  const ui: Json = { ...resolved.ui, description: { 'ui:widget': 'textarea' }, start: field('node-picker'), languages: field('tags'), defaultLanguage: field('language-picker'), variables: field('variables') }
  ui.triggers = { ...ui.triggers, items: { ...ui.triggers?.items, goto: field('node-picker'), id: { 'ui:placeholder': 'stop' } } }
  ui.channels = { 'ui:widget': 'checkboxes' }
  // a rule's place on the canvas is the canvas's business, here as for nodes
  const triggers = resolved.schema.properties?.triggers
  if (triggers?.items?.properties) triggers.items = omit({ schema: triggers.items, ui: {} }, ['position']).schema
  const form = { schema: { ...resolved.schema, title: undefined, description: undefined } as RJSFSchema, uiSchema: ui as UiSchema }
  cache.set('$flow', form)
  return form
}

/** Trigger fields the inspector never shows as form fields: the id has its own rename box, the position belongs to the canvas. */
export const hiddenTriggerFields = ['id', 'position']

const whenNames: Record<string, string> = {
  keyword: 'The customer writes one of the keywords',
  'no-match': 'The bot did not understand, several times in a row',
  negative: 'Angry words or ALL CAPS',
  condition: 'A condition holds (a VIP customer…)',
  'queue-wait': 'Waited too long in a hand-off queue',
  'outside-hours': 'The customer writes while you are closed',
}

const commonTriggerFields = ['name', 'when', 'do', 'goto', 'once', 'notes']

/**
 * The form of one escalation rule (trigger.schema.json, refs inlined): only the fields `shown` keeps
 * (those its kind reads), `goto` a node picker and left out for an opt-out rule, and required what the
 * schema requires of that kind (its allOf if/then, read here rather than restated).
 */
export function triggerFormSchema(when: string, optOut: boolean, shown: (field: string) => boolean): FormSchema {
  const key = `$trigger:${when}:${optOut}`
  const known = cache.get(key)
  if (known) return known
  const resolved = resolveForm(triggerSchema as Json, 'trigger.schema.json')
  const drop = [...hiddenTriggerFields, ...Object.keys(resolved.schema.properties).filter((k) => !shown(k)), ...(optOut ? ['goto'] : [])]
  const { schema: all, ui } = omit(resolved, drop)
  const { examples: _examples, title: _title, description: _description, allOf, ...schema } = all
  const byKind = ((allOf ?? []) as Json[]).filter((rule) => rule.if?.properties?.when?.const === when).flatMap((rule) => (rule.then?.required ?? []) as string[])
  schema.required = [...new Set([...(schema.required ?? []), ...byKind])].filter((k: string) => k in schema.properties)
  const enumNames = (schema.properties.when?.enum as string[] | undefined)?.map((w) => whenNames[w] ?? w)
  // The schema's descriptions of `when`, `name` and `goto` are written for the file (every kind, a node's name, an id's syntax); the form says it for this rule.
  const describe = (field: string, description: string) => {
    if (schema.properties[field]) schema.properties[field] = { ...schema.properties[field], description }
  }
  describe('name', 'What the rule is called on the canvas and in problems.')
  describe('when', 'What sets this rule off, wherever the conversation stands.')
  describe('goto', 'Where the conversation jumps when the rule fires; or drag the card’s port onto a node on the canvas.')
  const form = {
    schema: schema as RJSFSchema,
    uiSchema: {
      ...ui,
      'ui:order': ['name', 'when', ...Object.keys(schema.properties).filter((k) => !commonTriggerFields.includes(k)), 'do', 'goto', 'once', '*'],
      when: { 'ui:enumNames': enumNames },
      do: { 'ui:enumNames': ['Go to a node', 'Opt the customer out for good (STOP)'] },
      goto: { 'ui:field': 'node-picker', 'ui:fieldReplacesAnyOrOneOf': true, 'ui:options': { label: false } },
      notes: { 'ui:widget': 'textarea' },
    } as UiSchema,
  }
  cache.set(key, form)
  return form
}

const isEmpty = (value: unknown) => (Array.isArray(value) ? !value.length : !!value && typeof value === 'object' && !Object.keys(value).length)

/**
 * A rule as the form returns it, without what rjsf filled in rather than the person typed: fields
 * the stored rule leaves out whose value is the schema's default (`do: "goto"`) or empty (a keyword
 * rule's `weekly: {}`). Otherwise every edit would write those into the file.
 */
export function withoutFilledDefaults(stored: Json | undefined, edited: Json): Json {
  if (!stored) return edited
  const properties = (triggerSchema as Json).properties as Record<string, { default?: unknown }>
  return Object.fromEntries(Object.entries(edited).filter(([key, value]) => key in stored || !(isEmpty(value) || (properties[key] && JSON.stringify(properties[key].default) === JSON.stringify(value)))))
}

/** A node without the fields the form leaves out (what the form edits). */
export const formDataOf = (value: Json, hidden: string[]): Json => Object.fromEntries(Object.entries(value).filter(([k]) => !hidden.includes(k)))

/**
 * The patch that turns `before` into `after` for the given visible keys: changed values, and
 * `undefined` for fields the form cleared (updateNode and setMeta delete those).
 */
export function formPatch(before: Json, after: Json, keys: string[]): Json {
  const patch: Json = {}
  for (const key of keys) {
    const next = after[key]
    if (JSON.stringify(before[key]) !== JSON.stringify(next)) patch[key] = next
  }
  return patch
}
