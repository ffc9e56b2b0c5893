/**
 * The draggable divider between two panes (VS Code's "sash"). Dragging or the arrow keys change the
 * size of the pane on its `side`; the size is remembered by the caller (state/layout.ts).
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

interface SashProps {
  /** 'vertical': a divider between columns, dragged left and right. */
  orientation: 'vertical' | 'horizontal'
  size: number
  onSize(size: number): void
  /** Which side of the divider the sized pane is on: growing it means moving away from it. */
  side: 'before' | 'after'
  label: string
  min: number
  max: number
}

export function Sash({ orientation, size, onSize, side, label, min, max }: SashProps) {
  const start = useRef<{ at: number; size: number } | null>(null)
  const coordinate = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY)
  const sign = side === 'before' ? 1 : -1
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    start.current = { at: coordinate(event), size }
    document.body.classList.add(orientation === 'vertical' ? 'resizing-columns' : 'resizing-rows')
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) onSize(start.current.size + sign * (coordinate(event) - start.current.at))
  }
  const onPointerUp = () => {
    start.current = null
    document.body.classList.remove('resizing-columns', 'resizing-rows')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow = orientation === 'vertical' ? { ArrowRight: sign, ArrowLeft: -sign } : { ArrowDown: sign, ArrowUp: -sign }
    const step = grow[event.key as keyof typeof grow]
    if (step) {
      event.preventDefault()
      onSize(size + step * (event.shiftKey ? 64 : 16))
    }
  }
  return (
    <div
      className={`sash sash-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
