/**
 * A little DOM driver for the inspector's and the problems panel's jsdom tests (react-dom and act,
 * as the canvas tests do): render, type into a controlled input, press keys, click.
 */
import { act, type ReactElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const roots: { root: Root; host: HTMLElement }[] = []

export function render(element: ReactElement) {
  const host = document.body.appendChild(document.createElement('div'))
  const root = createRoot(host)
  act(() => root.render(element))
  roots.push({ root, host })
  return { host, rerender: (next: ReactElement) => act(() => root.render(next)) }
}

export function cleanup() {
  for (const { root, host } of roots.splice(0)) {
    act(() => root.unmount())
    host.remove()
  }
}

/** Sets a controlled input's value as typing does (React listens to the native input event). */
export function type(element: Element, value: string) {
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value)
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }))
  })
}

export function press(element: Element, key: string) {
  act(() => void element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })))
}

export function click(element: Element) {
  act(() => void element.dispatchEvent(new MouseEvent('click', { bubbles: true })))
}

/** The form control a <label> names (by its text, or an aria-label). */
export function byLabel(text: string, within: ParentNode = document): HTMLElement {
  const label = [...within.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)
  const control = label?.htmlFor ? document.getElementById(label.htmlFor) : within.querySelector(`[aria-label="${text}"]`)
  if (!control) throw new Error(`no control labelled ${text}`)
  return control as HTMLElement
}

export const byText = (text: string, within: ParentNode = document): HTMLElement => {
  const found = [...within.querySelectorAll<HTMLElement>('*')].find((el) => el.children.length === 0 && el.textContent === text)
  if (!found) throw new Error(`no element with text ${text}`)
  return found
}
