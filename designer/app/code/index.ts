/**
 * The code view, lazily loaded: Monaco and its workers sit in their own chunk, fetched the first time
 * the code view shows, so the canvas paints first.
 */
import { createElement, lazy, Suspense } from 'react'
import type { CodeViewProps } from '../contracts.ts'

const LazyCodeView = lazy(() => import('./code-view.tsx'))

export function CodeView(props: CodeViewProps) {
  return createElement(Suspense, { fallback: createElement('div', { className: 'sb-code-loading', role: 'status' }, 'Loading the code view…') }, createElement(LazyCodeView, props))
}

export { pointerRange, pointerSpans, minimalEdit } from './json-positions.ts'
