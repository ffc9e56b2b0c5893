/**
 * How long the validator takes on a large flow (1,000 generated nodes): the JSON Schema plus every
 * lint rule (validateFlow), and the whole path from text (validateText), against JSON.parse of the
 * same text, which any consumer of the file pays anyway. Target: ratio <= 3.
 */
import { validateFlow, validateText } from '../schemas/validate.ts'
import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { compare, row, type Benchmark } from './measure.ts'

const NODES = 1000
const ms = (ns: number) => ns / 1e6

export const validateBench: Benchmark = {
  name: 'validate',
  run() {
    // compact, like the 157 KB reference flow; an indented file only makes JSON.parse (the baseline) slower
    const text = JSON.stringify(generateFlow({ nodes: NODES, seed: 1 }))
    const flow = JSON.parse(text)
    const blocking = validateFlow(flow).filter((p) => p.source !== 'lint')
    if (blocking.length) throw new Error(`the generated flow is not schema-valid, so lint would not run: ${JSON.stringify(blocking.slice(0, 3))}`)
    const label = `${NODES} nodes`
    console.log(`validate: generated flow of ${NODES} nodes, ${Math.round(text.length / 1024)} KB`)
    const parse = () => JSON.parse(text)
    const options = { samples: 200, warmup: 30 }
    const asObject = compare(() => validateFlow(flow), parse, options)
    const asText = compare(() => validateText(text), parse, options)
    const baseline = 'JSON.parse of the same text'
    return [
      row(`validate/validateFlow ${label} median`, ms(asObject.subject.median), 'ms/op', `${baseline} median`, ms(asObject.baseline.median)),
      row(`validate/validateFlow ${label} p99`, ms(asObject.subject.p99), 'ms/op', `${baseline} p99`, ms(asObject.baseline.p99)),
      row(`validate/validateText ${label} median`, ms(asText.subject.median), 'ms/op', `${baseline} median`, ms(asText.baseline.median)),
      row(`validate/validateText ${label} p99`, ms(asText.subject.p99), 'ms/op', `${baseline} p99`, ms(asText.baseline.p99)),
    ]
  },
}
