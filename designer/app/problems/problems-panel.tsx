/**
 * The Problems panel: the shared validator's results (schema and lint), grouped by severity, live as
 * the document changes. A listbox: arrows move, Enter reveals; a click reveals too. A problem about a
 * node selects and centres it on the canvas; one about the flow reveals its JSON pointer.
 */
import { useMemo, useState, type KeyboardEvent } from 'react'
import type { ProblemsProps } from '../contracts.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { problemSubject, rulesOf, triggerCardId } from '../flow-doc/triggers.ts'
import './problems.css'

const groups = [
  { severity: 'error', title: 'Errors', icon: '✖' },
  { severity: 'warning', title: 'Warnings', icon: '▲' },
  { severity: 'info', title: 'Info', icon: 'ℹ' },
] as const

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function ProblemsPanel({ open, onRevealNode, onRevealPointer }: ProblemsProps) {
  const names = useMemo(() => new Map([
    ...open.flow.nodes.map((n) => [n.id, n.name ?? n.id] as const),
    ...rulesOf(open.flow).map((t) => [triggerCardId(t.id), `Rule '${t.name ?? t.id}'`] as const),
  ]), [open.flow])
  const grouped = useMemo(() => groups.map((g) => ({ ...g, problems: open.problems.filter((p) => p.severity === g.severity) })).filter((g) => g.problems.length), [open.problems])
  const ordered = grouped.flatMap((g) => g.problems)
  const [active, setActive] = useState(0)
  const current = Math.min(active, ordered.length - 1)
  /** A problem about a node or an escalation rule (its pointer under /triggers) selects its card; others reveal their JSON. */
  const subjectOf = (problem: Problem) => problemSubject(open.flow, problem)
  const reveal = (problem: Problem) => {
    const subject = subjectOf(problem)
    return subject && names.has(subject) ? onRevealNode(subject) : onRevealPointer(problem.pointer)
  }
  const optionId = (i: number) => `sb-problem-${i}`

  if (!ordered.length) return <div className="sb-problems sb-problems-empty" role="status">No problems</div>

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: ordered.length - 1, PageDown: current + 10, PageUp: current - 10 }
    if (e.key in moves) {
      e.preventDefault()
      const next = Math.max(0, Math.min(ordered.length - 1, moves[e.key]))
      setActive(next)
      document.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' })
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      reveal(ordered[current])
    }
  }

  let index = 0
  return (
    <div className="sb-problems">
      <p className="sb-problems-summary" aria-live="polite">
        {grouped.map((g) => <span key={g.severity} className={`sb-problem-count sb-${g.severity}`}><span aria-hidden="true">{g.icon}</span> {plural(g.problems.length, g.title.toLowerCase().replace(/s$/, ''), g.title.toLowerCase())}</span>)}
      </p>
      <div role="listbox" tabIndex={0} aria-label="Problems" aria-activedescendant={optionId(current)} className="sb-problems-list" onKeyDown={onKeyDown}>
        {grouped.map((g) => (
          <div role="group" key={g.severity} aria-labelledby={`sb-problems-${g.severity}`}>
            <div className="sb-problems-group" id={`sb-problems-${g.severity}`} role="presentation">{g.title} ({g.problems.length})</div>
            {g.problems.map((problem) => {
              const i = index++
              const subject = subjectOf(problem)
              const node = subject ? names.get(subject) : undefined
              return (
                <div role="option" id={optionId(i)} key={i} aria-selected={i === current} className={i === current ? 'sb-problem sb-problem-active' : 'sb-problem'}
                  onClick={() => {
                    setActive(i)
                    reveal(problem)
                  }}>
                  <span className={`sb-problem-icon sb-${problem.severity}`} aria-label={problem.severity}>{g.icon}</span>
                  <span className="sb-problem-message">{problem.message}</span>
                  <span className="sb-problem-code">{problem.code}</span>
                  <span className="sb-problem-where">{node ?? (problem.pointer || 'flow')}</span>
                </div>
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
