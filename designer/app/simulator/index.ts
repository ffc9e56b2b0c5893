export { Simulator } from './simulator.tsx'
export { Simulation, optionAt, humanDuration, type Entry, type SimulationState, type SimulationOptions } from './driver.ts'
export { mockKey, parseMock, DEFAULT_MOCK, type MockAnswer } from './mocks.ts'
