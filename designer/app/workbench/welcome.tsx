/** What the editor shows with no flow open: how to start, and the shortcuts worth knowing (VS Code's watermark). */
import { useWorkbench } from './context.ts'
import { formatShortcut } from './keys.ts'

const hints: [string, string][] = [
  ['Show all commands', 'Mod+Shift+P'],
  ['New flow', 'Alt+N'],
  ['Find node', 'Mod+P'],
  ['Toggle JSON code view', 'Mod+\\'],
  ['Show Explorer', 'Mod+Shift+E'],
]

export function Welcome() {
  const { store, run } = useWorkbench()
  return (
    <div className="welcome">
      <h1>Switchboard</h1>
      <p>Draw a WhatsApp menu, a phone IVR tree or an escalation policy, try it, and deploy it.</p>
      <div className="welcome-actions">
        <button type="button" className="button primary" onClick={() => store.set({ dialog: { kind: 'new-flow' } })}>
          New flow…
        </button>
        <button type="button" className="button" onClick={() => run('workbench.palette')}>
          Show all commands
        </button>
      </div>
      <dl className="welcome-keys">
        {hints.map(([title, keys]) => (
          <div key={title}>
            <dt>{title}</dt>
            <dd>
              <kbd>{formatShortcut(keys)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">Open a flow from the Explorer on the left.</p>
    </div>
  )
}
