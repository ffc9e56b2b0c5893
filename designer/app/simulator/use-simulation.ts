/**
 * The simulator's React binding: one Simulation per open file, fed the flow as it is now on every
 * document change, its state read with useSyncExternalStore, mocks kept in localStorage per flow.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { Simulation } from './driver.ts'
import type { MockAnswer } from './mocks.ts'

const storageKey = (flow: Flow) => `switchboard.simulator.mocks.${flow.id}`

function loadMocks(flow: Flow): Map<string, MockAnswer> {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey(flow))
    return new Map(saved ? (JSON.parse(saved) as [string, MockAnswer][]) : [])
  } catch {
    return new Map()
  }
}

function saveMocks(flow: Flow, mocks: Map<string, MockAnswer>) {
  try {
    globalThis.localStorage?.setItem(storageKey(flow), JSON.stringify([...mocks]))
  } catch {
    // storage full or disabled: mocks last for this session only
  }
}

export function useSimulation(path: string, flow: Flow, onActiveNode: (node: string | undefined) => void) {
  const flowRef = useRef(flow)
  flowRef.current = flow
  const simulation = useMemo(() => new Simulation(flowRef.current, { mocks: loadMocks(flowRef.current) }), [path])
  const state = useSyncExternalStore(simulation.subscribe, simulation.getState)

  useEffect(() => simulation.setFlow(flow), [simulation, flow])

  const active = state.session.status === 'ended' ? undefined : (state.session.node ?? undefined)
  const report = useRef(onActiveNode)
  report.current = onActiveNode
  useEffect(() => report.current(active), [active])
  useEffect(() => () => report.current(undefined), [])

  const mockCount = state.turns.length
  useEffect(() => saveMocks(flowRef.current, simulation.mocks), [simulation, mockCount])

  return { simulation, state }
}
