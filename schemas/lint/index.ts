/** The lint rules, one line each. A rule is one file in rules/ named by its code, with a cases file beside it. */
import type { LintRule } from './rule.ts'
import { exitToUnknownNode } from './rules/exit-to-unknown-node.ts'

export const lintRules: LintRule[] = [exitToUnknownNode]
