// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { createElement } from 'react'
import { render, cleanup } from './dom.suite.ts'
import Form from '@rjsf/core'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { flowFormSchema, formDataOf, formPatch, hiddenNodeFields, hiddenTriggerFields, nodeFormSchema, triggerFormSchema } from './form-schema.ts'
import { newTrigger, showsField, switchKind, triggerKinds } from '../canvas/trigger-kinds.ts'
import { formValidator } from './validator.ts'
import { inspectorFields } from './fields/index.ts'

const refsIn = (value: unknown): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [String(v)] : refsIn(v))) : []

describe('node forms from the schemas', () => {
  for (const [type, nodeType] of Object.entries(nodeTypes)) {
    it(`${type}: self-contained, hides canvas fields, its examples validate`, () => {
      const form = nodeFormSchema(type)!
      expect(refsIn(form.schema)).toEqual([])
      for (const hidden of hiddenNodeFields) expect(form.schema.properties).not.toHaveProperty(hidden)
      expect(formValidator.isValid(form.schema, {}, form.schema)).toBeTypeOf('boolean')
      const examples = (nodeType.schema.examples ?? []) as Record<string, unknown>[]
      expect(examples.length).toBeGreaterThan(0)
      for (const example of examples) {
        const { errors } = formValidator.validateFormData(formDataOf(example, hiddenNodeFields), form.schema)
        expect(errors, JSON.stringify(errors)).toEqual([])
      }
    })

    it(`${type}: renders a form without errors`, () => {
      const form = nodeFormSchema(type)!
      const example = formDataOf(((nodeType.schema.examples ?? []) as Record<string, unknown>[])[0] ?? {}, hiddenNodeFields)
      const context = { languages: ['en', 'it'], channels: ['whatsapp', 'voice'], variables: ['order.total'], nodes: [] }
      const errors: unknown[] = []
      const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
      const view = render(createElement(Form, { schema: form.schema, uiSchema: { ...form.uiSchema, 'ui:submitButtonOptions': { norender: true } }, formData: example, validator: formValidator, fields: inspectorFields, formContext: context, onError: (e: unknown[]) => errors.push(...e) }))
      expect(view.host.querySelector('form')).not.toBeNull()
      cleanup()
      consoleError.mockRestore()
      expect(errors).toEqual([])
    })
  }

  it('uses the shared definitions to pick widgets (text, logic, words, variables)', () => {
    const menu = nodeFormSchema('menu')!.uiSchema as Record<string, any>
    expect(menu.text['ui:field']).toBe('localized-text')
    expect(menu.options['ui:field']).toBe('option-list')
    expect(menu.invalidText['ui:field']).toBe('localized-text')
    expect(nodeFormSchema('condition')!.uiSchema.branches.items.when['ui:field']).toBe('logic')
    expect(nodeFormSchema('input')!.uiSchema.saveAs['ui:field']).toBe('variable')
  })

  it('builds the flow form without nodes, version or id', () => {
    const { schema, uiSchema } = flowFormSchema()
    expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(['name', 'channels', 'languages', 'defaultLanguage', 'variables', 'triggers', 'start']))
    expect(schema.properties).not.toHaveProperty('nodes')
    expect(schema.required).not.toContain('nodes')
    expect(uiSchema.triggers.items.keywords['ui:field']).toBe('words')
    expect(refsIn(schema)).toEqual([])
  })

  it('patches only what changed and removes cleared fields', () => {
    expect(formPatch({ a: 1, b: 'x', c: [1] }, { a: 1, c: [2] }, ['a', 'b', 'c'])).toEqual({ b: undefined, c: [2] })
  })

  it('hides the canvas position of rules in the flow form too', () => {
    const items = (flowFormSchema().schema.properties!.triggers as { items: { properties: object } }).items
    expect(items.properties).not.toHaveProperty('position')
    expect(items.properties).toHaveProperty('goto')
  })
})

describe('escalation rule forms', () => {
  const context = { languages: ['en', 'it'], channels: ['whatsapp'], variables: ['customer.tier'], nodes: [{ id: 'tier1', label: 'Tier 1' }] }
  for (const kind of triggerKinds) {
    it(`${kind.when}: its own fields, required as the schema requires, a new rule valid once connected, renders`, () => {
      const form = triggerFormSchema(kind.when, false, showsField(kind.when))
      const fields = Object.keys(form.schema.properties!)
      expect(refsIn(form.schema)).toEqual([])
      for (const own of kind.fields) expect(fields).toContain(own)
      for (const other of triggerKinds.flatMap((k) => k.fields).filter((f) => !kind.fields.includes(f))) expect(fields, other).not.toContain(other)
      for (const hidden of hiddenTriggerFields) expect(fields).not.toContain(hidden)
      expect(fields).toEqual(expect.arrayContaining(['name', 'when', 'do', 'goto', 'once']))
      const data = formDataOf({ ...newTrigger(kind.when, kind.base, { x: 0, y: 0 }), goto: 'tier1' }, hiddenTriggerFields)
      expect(formValidator.validateFormData(data, form.schema).errors).toEqual([])
      const errors: unknown[] = []
      const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
      const view = render(createElement(Form, { schema: form.schema, uiSchema: { ...form.uiSchema, 'ui:submitButtonOptions': { norender: true } }, formData: data, validator: formValidator, fields: inspectorFields, formContext: context }))
      expect(view.host.querySelector('form')).not.toBeNull()
      cleanup()
      consoleError.mockRestore()
      expect(errors).toEqual([])
    })
  }

  it('requires what the schema requires of each kind and uses the shared widgets', () => {
    expect(triggerFormSchema('no-match', false, showsField('no-match')).schema.required).toEqual(expect.arrayContaining(['when', 'count']))
    expect(triggerFormSchema('outside-hours', false, showsField('outside-hours')).schema.required).toEqual(expect.arrayContaining(['timezone', 'weekly']))
    const keyword = triggerFormSchema('keyword', false, showsField('keyword')).uiSchema as Record<string, any>
    expect(keyword.keywords['ui:field']).toBe('words')
    expect(keyword.goto['ui:field']).toBe('node-picker')
    expect((triggerFormSchema('condition', false, showsField('condition')).uiSchema as Record<string, any>).condition['ui:field']).toBe('logic')
    expect(triggerFormSchema('keyword', true, showsField('keyword')).schema.properties).not.toHaveProperty('goto')
  })

  it('switching a rule to another kind drops the old kind\'s fields and brings the new one\'s starting values', () => {
    const before = { when: 'negative', keywords: { en: ['bad'] }, allCaps: true, goto: 'tier1' }
    expect(switchKind(before, { ...before, when: 'no-match' })).toEqual({ when: 'no-match', count: 3, goto: 'tier1' })
    expect(switchKind(before, { ...before, when: 'keyword' })).toEqual({ when: 'keyword', keywords: { en: ['bad'] }, goto: 'tier1' })
    expect(switchKind(before, { ...before, do: 'opt-out' })).toEqual({ ...before, do: 'opt-out', goto: undefined })
  })
})
