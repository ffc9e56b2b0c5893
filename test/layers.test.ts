/**
 * The layer table of STYLE.md section 5, checked by a machine (rule 7): what each folder may import,
 * and the clock / randomness / I/O globals the pure core may not touch. Imports are read with the
 * TypeScript parser rather than a regex, so comments, strings and `import type` are told apart.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * Folder -> what it may import. The first matching folder wins, so nested folders come first.
 * An entry ending in '/' is a repository folder; `type:` allows type-only imports; 'node:*' is every
 * Node built-in; anything else is an npm package (with its subpaths). Every folder may import itself.
 */
const LAYERS: { folder: string; may: string[] }[] = [
  { folder: 'schemas/', may: ['ajv', 'ajv-formats', 'fastest-levenshtein'] },
  { folder: 'runtime/engine/', may: ['schemas/', 'json-logic-js'] },
  { folder: 'runtime/channels/', may: ['schemas/', 'type:runtime/engine/'] },
  { folder: 'runtime/host/', may: ['schemas/', 'runtime/engine/', 'runtime/channels/', 'node:*', 'better-sqlite3', 'ioredis', 'redis'] },
  { folder: 'runtime/server/desk/app/', may: ['react', 'react-dom'] },
  { folder: 'runtime/server/', may: ['schemas/', 'runtime/engine/', 'runtime/channels/', 'runtime/host/', 'node:*', 'express', 'ws', 'pino', 'prom-client', 'better-sqlite3', 'ioredis', 'redis'] },
  { folder: 'runtime/transcripts/', may: ['schemas/', 'runtime/engine/', 'runtime/channels/', 'ajv', 'ajv-formats', 'node:*'] },
  { folder: 'runtime/cli/', may: ['schemas/', 'runtime/', 'designer/server/', 'designer/build.ts', 'node:*', 'commander', 'express', 'better-sqlite3', 'ioredis', 'redis'] },
  { folder: 'designer/app/flow-doc/', may: ['schemas/', 'yjs'] },
  { folder: 'designer/app/', may: ['schemas/', 'runtime/engine/', 'runtime/channels/', 'runtime/transcripts/run.ts', 'runtime/transcripts/transcript.ts', 'runtime/transcripts/format.ts', 'runtime/transcripts/conversation.ts', 'react', 'react-dom', '@xyflow/react', 'monaco-editor', '@monaco-editor/react', 'yjs', 'y-websocket', 'y-protocols', 'lib0', 'ajv', 'ajv-formats', 'elkjs', '@rjsf/core', '@rjsf/utils', '@rjsf/validator-ajv8', 'cmdk'] },
  { folder: 'designer/server/', may: ['schemas/', 'designer/app/flow-doc/', 'runtime/server/auth.ts', '@y/websocket-server', 'y-websocket', 'y-protocols', 'yjs', 'lib0', 'ws', 'express', 'better-sqlite3', 'node:*'] },
  { folder: 'designer/', may: ['vite', '@vitejs/plugin-react', 'node:*'] },
]
/** Test files beside the code (x.test.ts, and x.suite.ts shared by several tests) may also use the test tools. */
const TEST_TOOLS = ['vitest', 'fast-check', 'node:*', '@testing-library/react', 'examples/', 'test/fixtures/']
const TEST_FILE = /\.(test|suite)\.tsx?$/
/** Development harnesses beside a designer view (dev/, harness/): pages served by Vite to look at one view alone, never shipped. */
const DEV_HARNESS = /^designer\/app\/.+\/(dev|harness)\//
const DEV_TOOLS = ['vite', '@vitejs/plugin-react', 'node:*', 'examples/', 'test/fixtures/']
/** Build scripts run at development time, never in the runtime or the browser. */
const BUILD_SCRIPTS: Record<string, string[]> = {
  'schemas/generate.ts': ['node:*', 'json-schema-to-typescript'],
  // The desk page's bundler: run on the first GET /desk when the page is not built yet (runtime/server/routes/desk.ts).
  'runtime/server/desk/build.ts': ['node:*', 'vite'],
  'runtime/server/desk/vite.config.ts': ['node:*', 'vite', '@vitejs/plugin-react'],
}

/** The pure core: no clock, no randomness, no I/O (STYLE.md rule 1). */
const PURE = ['schemas/', 'runtime/engine/']
const FORBIDDEN = ['Date.now', 'new Date()', 'Math.random', 'fetch(', 'setTimeout', 'setInterval', 'process.']

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', '.switchboard'])

function sourceFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(root, path).split('\\').join('/')] : []
  })
}

interface Use {
  specifier: string
  typeOnly: boolean
  line: number
}

function importsOf(source: ts.SourceFile): Use[] {
  const uses: Use[] = []
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const bindings = clause?.namedBindings
      const allNamedTypes = !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly) && !clause?.name
      uses.push({ specifier: node.moduleSpecifier.text, typeOnly: !!clause?.isTypeOnly || allNamedTypes, line: line(node) })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      uses.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, line: line(node) })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      uses.push({ specifier: node.arguments[0].text, typeOnly: false, line: line(node) })
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      uses.push({ specifier: node.argument.literal.text, typeOnly: true, line: line(node) })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return uses
}

/** Repository path of a relative import, or the package name of a bare one. */
function target(file: string, specifier: string): { path?: string; pkg?: string } {
  if (specifier.startsWith('.')) return { path: join(dirname(file), specifier).split('\\').join('/') }
  if (specifier.startsWith('node:')) return { pkg: specifier }
  const parts = specifier.split('/')
  return { pkg: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] }
}

function allowed(may: string[], use: Use, to: { path?: string; pkg?: string }): boolean {
  return may.some((rule) => {
    const typeOnlyRule = rule.startsWith('type:')
    const r = typeOnlyRule ? rule.slice('type:'.length) : rule
    if (typeOnlyRule && !use.typeOnly) return false
    if (r.endsWith('/')) return !!to.path && (to.path + '/').startsWith(r)
    if (/\.tsx?$/.test(r)) return to.path === r
    if (r === 'node:*') return !!to.pkg?.startsWith('node:')
    return to.pkg === r
  })
}

function layerProblems(file: string, source: ts.SourceFile): string[] {
  const layer = LAYERS.find((l) => file.startsWith(l.folder))
  if (!layer) return []
  const isTest = TEST_FILE.test(file)
  const may = [layer.folder, ...layer.may, ...(isTest ? TEST_TOOLS : []), ...(DEV_HARNESS.test(file) ? DEV_TOOLS : []), ...(BUILD_SCRIPTS[file] ?? [])]
  return importsOf(source)
    .filter((use) => !allowed(may, use, target(file, use.specifier)))
    .map((use) => `${file}:${use.line}: ${layer.folder}** may not import '${use.specifier}'${use.typeOnly ? ' (even as a type)' : ''}; it may import ${may.join(', ')}`)
}

function forbiddenUses(source: ts.SourceFile): { what: string; line: number }[] {
  const found: { what: string; line: number }[] = []
  const at = (node: ts.Node, what: string) => found.push({ what, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 })
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const name = `${node.expression.text}.${node.name.text}`
      if (name === 'Date.now' || name === 'Math.random') at(node, name)
      if (node.expression.text === 'process') at(node, 'process.')
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && !node.arguments?.length) {
      at(node, 'new Date()')
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fetch') {
      at(node, 'fetch(')
    } else if (ts.isIdentifier(node) && (node.text === 'setTimeout' || node.text === 'setInterval')) {
      at(node, node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const files = sourceFiles()
const parse = (file: string) => ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)

describe('layers (STYLE.md section 5)', () => {
  it('finds the source files', () => {
    expect(files).toContain('schemas/validate.ts')
    expect(files).toContain('runtime/engine/advance.ts')
  })

  it('every import stays within its layer', () => {
    const problems = files.flatMap((file) => layerProblems(file, parse(file)))
    expect(problems, problems.join('\n')).toEqual([])
  })

  it(`the pure core (${PURE.join(', ')}) reads no clock, draws no randomness, does no I/O`, () => {
    const pure = files.filter((f) => PURE.some((p) => f.startsWith(p)) && !TEST_FILE.test(f) && !(f in BUILD_SCRIPTS))
    const problems = pure.flatMap((file) => forbiddenUses(parse(file)).map(({ what, line }) => `${file}:${line}: '${what}' is not allowed in the pure core (STYLE.md rule 1): time comes in on events, effects go out as actions`))
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('the checks catch what they should', () => {
    const sample = ts.createSourceFile(
      'x.ts',
      `import type { A } from '../../engine/advance.ts'\nimport { b } from 'react'\n// Date.now() in a comment\nconst s = 'Math.random'\nconst t = Date.now() + Math.random()\nnew Date()\nnew Date(0)\nsetTimeout(() => fetch('x'), 1)\nprocess.exit(1)\nconst m = await import('../../host/x.ts')\n`,
      ts.ScriptTarget.Latest,
      true,
    )
    expect(layerProblems('runtime/channels/whatsapp/x.ts', sample).map((p) => p.split(': ')[0])).toEqual(['runtime/channels/whatsapp/x.ts:2', 'runtime/channels/whatsapp/x.ts:10'])
    expect(forbiddenUses(sample).map((u) => `${u.line} ${u.what}`)).toEqual(['5 Date.now', '5 Math.random', '6 new Date()', '8 setTimeout', '8 fetch(', '9 process.'])
  })
})
