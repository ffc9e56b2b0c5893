/**
 * The condition builder: "variable operator value" rows joined by AND / OR, written as JSON Logic.
 * A rule the rows cannot show opens as raw JSON; raw JSON that does not parse is kept in the box
 * with its error and never written.
 */
import { useEffect, useState } from 'react'
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'
import { VariableInput } from './pickers.tsx'
import { formatValue, logicToRows, operators, parseValue, rowsToLogic, type LogicRow, type LogicRows, type Operator } from './logic-rows.ts'

export interface ConditionBuilderProps {
  id: string
  value: unknown
  onChange(value: unknown): void
  variables: string[]
}

function RawLogic({ id, value, onChange }: { id: string; value: unknown; onChange(v: unknown): void }) {
  const pretty = JSON.stringify(value ?? true, null, 2)
  const [text, setText] = useState(pretty)
  const [error, setError] = useState<string>()
  useEffect(() => {
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(value ?? true) ? current : pretty
      } catch {
        return current
      }
    })
  }, [pretty])
  return (
    <>
      <textarea id={id} className="sb-input sb-mono" rows={4} value={text} spellCheck={false} aria-invalid={!!error || undefined} aria-label="Condition as JSON Logic"
        onChange={(e) => {
          setText(e.target.value)
          try {
            const parsed = JSON.parse(e.target.value)
            if (parsed === null || (typeof parsed !== 'object' && typeof parsed !== 'boolean')) throw new Error('a condition is an object or true/false')
            setError(undefined)
            onChange(parsed)
          } catch (err) {
            setError((err as Error).message)
          }
        }} />
      {error && <p className="sb-field-errors" role="alert">Not applied: {error}</p>}
    </>
  )
}

function RowEditor({ id, row, onChange, onRemove, variables, index }: { id: string; row: LogicRow; onChange(r: LogicRow): void; onRemove(): void; variables: string[]; index: number }) {
  const unary = row.operator === 'is set' || row.operator === 'is empty'
  return (
    <li className="sb-logic-row">
      <VariableInput id={`${id}_${index}_var`} value={row.variable} variables={variables} label={`Rule ${index + 1}: variable`} onChange={(v) => onChange({ ...row, variable: v ?? '' })} />
      <select className="sb-input" aria-label={`Rule ${index + 1}: comparison`} value={row.operator}
        onChange={(e) => {
          const operator = e.target.value as Operator
          const next: LogicRow = { variable: row.variable, operator }
          if (operator === 'in') next.value = Array.isArray(row.value) ? row.value : row.value === undefined ? [] : [row.value]
          else if (operator !== 'is set' && operator !== 'is empty') next.value = Array.isArray(row.value) ? row.value[0] ?? '' : row.value ?? ''
          onChange(next)
        }}>
        {operators.map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
      </select>
      {!unary && <input className="sb-input" aria-label={`Rule ${index + 1}: value`} value={formatValue(row.value)} placeholder={row.operator === 'in' ? 'IT, FR, ES' : 'value'}
        onChange={(e) => onChange({ ...row, value: row.operator === 'in' ? e.target.value.split(',').map((v) => parseValue(v.trim())).filter((v) => v !== '') : row.operator === 'contains' ? e.target.value : parseValue(e.target.value) })} />}
      <button type="button" className="sb-icon-button" aria-label={`Remove rule ${index + 1}`} onClick={onRemove}>✕</button>
    </li>
  )
}

export function ConditionBuilder({ id, value, onChange, variables }: ConditionBuilderProps) {
  const rows = logicToRows(value)
  const [raw, setRaw] = useState(!rows)
  const showRaw = raw || !rows
  const write = (next: LogicRows) => onChange(rowsToLogic(next))
  return (
    <div className="sb-logic">
      <div className="sb-logic-head">
        {!showRaw && rows!.rows.length > 1 && (
          <div role="radiogroup" aria-label="Combine rules" className="sb-segmented">
            {(['and', 'or'] as const).map((c) => <button key={c} type="button" role="radio" aria-checked={rows!.combinator === c} className={rows!.combinator === c ? 'sb-seg sb-seg-on' : 'sb-seg'} onClick={() => write({ ...rows!, combinator: c })}>{c === 'and' ? 'All of (AND)' : 'Any of (OR)'}</button>)}
          </div>
        )}
        <button type="button" className="sb-link" aria-pressed={showRaw} disabled={!rows} onClick={() => setRaw(!raw)}>{showRaw ? 'Edit as rules' : 'Edit as JSON'}</button>
      </div>
      {showRaw ? <RawLogic id={id} value={value} onChange={onChange} /> : (
        <>
          {rows!.rows.length === 0 && <p className="sb-field-help">Always true. Add a rule to check something.</p>}
          <ol className="sb-logic-rows">
            {rows!.rows.map((row, index) => (
              <RowEditor key={index} id={id} index={index} row={row} variables={variables}
                onChange={(r) => write({ ...rows!, rows: rows!.rows.map((x, i) => (i === index ? r : x)) })}
                onRemove={() => write({ ...rows!, rows: rows!.rows.filter((_, i) => i !== index) })} />
            ))}
          </ol>
          <button type="button" className="sb-button" onClick={() => write({ ...rows!, rows: [...rows!.rows, { variable: '', operator: '==', value: '' }] })}>+ Add rule</button>
        </>
      )}
    </div>
  )
}

export function ConditionField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  return (
    <FieldFrame id={props.fieldPathId.$id} title={props.schema.title ?? props.name} description={props.schema.description} required={props.required} errors={props.rawErrors} group>
      <ConditionBuilder id={props.fieldPathId.$id} value={props.formData} variables={context.variables} onChange={(v) => props.onChange(v, props.fieldPathId.path)} />
    </FieldFrame>
  )
}
