/**
 * Runs every lint rule's table of cases (schemas/lint/rules/<code>.cases.json) through validateFlow and
 * compares exactly the problems with that rule's code; fails for a registered rule without at least two
 * cases. A case: { description, flow (a complete, schema-valid flow), expect: [{ pointer, node?, message, severity }] }.
 * Also: the clean fixture flow has no problems at all.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lintRules } from '../schemas/lint/index.ts'
import { validateFlow, type Problem } from '../schemas/validate.ts'

interface LintCase {
  description: string
  flow: unknown
  expect: Pick<Problem, 'pointer' | 'node' | 'message' | 'severity'>[]
}

const casesFile = (code: string) => new URL(`../schemas/lint/rules/${code}.cases.json`, import.meta.url)
const shape = ({ pointer, node, message, severity }: Problem) => ({ pointer, ...(node !== undefined && { node }), message, severity })

describe.each(lintRules.map((rule) => rule.code))('lint rule %s', (code) => {
  it('has a table of at least two cases', () => {
    expect(existsSync(casesFile(code)), `schemas/lint/rules/${code}.cases.json is missing`).toBe(true)
    expect((JSON.parse(readFileSync(casesFile(code), 'utf8')) as unknown[]).length).toBeGreaterThanOrEqual(2)
  })
  if (!existsSync(casesFile(code))) return
  const cases: LintCase[] = JSON.parse(readFileSync(casesFile(code), 'utf8'))
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_, c) => {
    const problems = validateFlow(c.flow)
    expect(
      problems.filter((p) => p.source !== 'lint'),
      'the case flow must be schema-valid',
    ).toEqual([])
    expect(problems.filter((p) => p.code === code).map(shape)).toEqual(c.expect)
  })
})

describe('clean flows', () => {
  it.each(['clean.flow.json'])('%s has no problems', (file) => {
    const flow = JSON.parse(readFileSync(new URL(`../schemas/lint/fixtures/${file}`, import.meta.url), 'utf8'))
    expect(validateFlow(flow)).toEqual([])
  })
  it('every rule has a stable kebab-case code, a description and its own file', () => {
    for (const rule of lintRules) {
      expect(rule.code).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(rule.description.length).toBeGreaterThan(20)
      expect(existsSync(new URL(`../schemas/lint/rules/${rule.code}.ts`, import.meta.url))).toBe(true)
    }
    expect(new Set(lintRules.map((r) => r.code)).size).toBe(lintRules.length)
  })
})
