/**
 * Vitest global setup: builds the designer into designer/dist once per run, when it is missing or
 * older than its sources, so every browser test serves the same fresh build. A run limited to files
 * outside test/e2e (`vitest run schemas`) skips the build.
 */
import { buildDesigner, designerIsStale } from '../../designer/build.ts'

function runsBrowserTests(argv = process.argv.slice(2)): boolean {
  const filters = argv.filter((arg) => !arg.startsWith('-') && arg !== 'run' && arg !== 'watch')
  return !filters.length || filters.some((filter) => 'test/e2e/'.includes(filter) || filter.includes('e2e') || filter.includes('designer-'))
}

export default async function setup(): Promise<void> {
  if (!runsBrowserTests() || !designerIsStale()) return
  process.stdout.write('building the designer…\n')
  await buildDesigner({ quiet: true })
}
