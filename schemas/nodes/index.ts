/**
 * The node registry: every node type the flow language knows, one line each.
 * Adding a type = one folder under schemas/nodes/ plus one line here (then `npm run gen`).
 */
import type { NodeType } from './step.ts'
import { menu } from './menu/step.ts'
import { message } from './message/step.ts'

export const nodeTypes: Record<string, NodeType<any>> = {
  message,
  menu,
}
