/**
 * What `npm run gen` writes must match what is committed (no drift between the registry, the
 * schemas and the TypeScript types), and every node type must agree with its own folder: its
 * schema examples validate, and its registry entry, folder name and schema `type` const are one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generatedFiles } from '../schemas/generate.ts'
import { nodeTypes } from '../schemas/nodes/index.ts'
import type { Flow } from '../schemas/nodes/step.ts'
import { validateFlow } from '../schemas/validate.ts'

const schemasDir = new URL('../schemas/', import.meta.url)
const nodesDir = new URL('nodes/', schemasDir)

describe('generated files are up to date', () => {
  it.each(Object.keys(generatedFiles) as (keyof typeof generatedFiles)[])('schemas/%s', async (name) => {
    const committed = existsSync(new URL(name, schemasDir)) ? readFileSync(new URL(name, schemasDir), 'utf8') : ''
    const fresh = await generatedFiles[name]()
    expect(committed === fresh, `schemas/${name} is stale: run npm run gen`).toBe(true)
  })
})

describe('node types agree with their folders', () => {
  const folders = readdirSync(nodesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/schema.json`, nodesDir)))
    .map((e) => e.name)

  it('every node folder with a schema is registered in schemas/nodes/index.ts', () => {
    expect(folders.filter((f) => !(f in nodeTypes)), 'add one line per folder to schemas/nodes/index.ts, then run npm run gen').toEqual([])
  })

  describe.each(Object.entries(nodeTypes))('%s', (key, type) => {
    const file = new URL(`${key}/schema.json`, nodesDir)
    it('its registry key, type, folder schema and `type` const are the same', () => {
      expect(existsSync(file), `schemas/nodes/${key}/schema.json is missing`).toBe(true)
      const schema = JSON.parse(readFileSync(file, 'utf8'))
      expect(type.type).toBe(key)
      expect((schema.properties?.type as { const?: string })?.const).toBe(type.type)
      expect(type.schema, `the registry entry for ${key} must use schemas/nodes/${key}/schema.json`).toEqual(schema)
      expect(schema.$id).toBe(`nodes/${key}/schema.json`)
    })

    it('has the icon its schema names (the palette and the canvas show it)', () => {
      const icon = String(type.schema['x-icon'] ?? '')
      expect(icon, 'the schema needs "x-icon"').not.toBe('')
      expect(existsSync(new URL(`../schemas/nodes/${key}/${icon}`, import.meta.url)), `schemas/nodes/${key}/${icon} is missing`).toBe(true)
    })

    const examples = (type.schema.examples as Record<string, unknown>[] | undefined) ?? []
    it('has schema examples (they document the node and feed the generated test flows)', () => {
      expect(examples.length).toBeGreaterThan(0)
    })
    it.each(examples.map((e, i) => [i, e] as const))('example %i is valid against the schema', (_, example) => {
      const flow = { id: 'example', name: 'Example', version: 1, channels: ['whatsapp', 'voice', 'webchat'], languages: ['en'], defaultLanguage: 'en', start: String(example.id), nodes: [example] } as unknown as Flow
      const problems = validateFlow(flow).filter((p) => p.source !== 'lint')
      expect(problems, problems.map((p) => `${p.pointer}: ${p.message}`).join('\n')).toEqual([])
    })
  })
})
