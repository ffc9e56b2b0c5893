/**
 * The node registry: every node type the flow language knows, one line each.
 * Adding a type = one folder under schemas/nodes/ plus one line here (then `npm run gen`).
 */
import type { NodeType } from './step.ts'
import { menu } from './menu/step.ts'
import { message } from './message/step.ts'
import { input } from './input/step.ts'
import { condition } from './condition/step.ts'
import { set } from './set/step.ts'
import { http } from './http/step.ts'
import { hours } from './hours/step.ts'
import { wait } from './wait/step.ts'
import { handoff } from './handoff/step.ts'
import { survey } from './survey/step.ts'
import { subflow } from './subflow/step.ts'
import { record } from './record/step.ts'
import { end } from './end/step.ts'
import { template } from './template/step.ts'
import { notify } from './notify/step.ts'

export const nodeTypes: Record<string, NodeType<any>> = {
  message,
  menu,
  input,
  condition,
  set,
  http,
  hours,
  wait,
  handoff,
  survey,
  subflow,
  record,
  end,
  template,
  notify,
}
