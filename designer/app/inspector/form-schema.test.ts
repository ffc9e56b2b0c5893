// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { createElement } from 'react'
import { render, cleanup } from './dom.suite.ts'
import Form from '@rjsf/core'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { flowFormSchema, formDataOf, formPatch, hiddenNodeFields, nodeFormSchema } from './form-schema.ts'
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
})
