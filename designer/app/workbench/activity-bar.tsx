/** The strip of view icons on the far left: Explorer, Problems, Simulator, Deploy, Comments. */
import { useStore } from '../state/store.ts'
import { workbenchActions, type SideView } from '../state/workbench-state.ts'
import { useWorkbench } from './context.ts'
import { Icon, type IconName } from './icons.tsx'
import { formatShortcut } from './keys.ts'

const items: { view: SideView; title: string; icon: IconName; keys?: string }[] = [
  { view: 'explorer', title: 'Explorer', icon: 'files', keys: 'Mod+Shift+E' },
  { view: 'problems', title: 'Problems', icon: 'warning' },
  { view: 'simulator', title: 'Simulator', icon: 'play' },
  { view: 'deploy', title: 'Deploy', icon: 'rocket' },
  { view: 'comments', title: 'Comments', icon: 'comment' },
]

export function ActivityBar({ problemCount, commentCount = 0 }: { problemCount: number; commentCount?: number }) {
  const { store } = useWorkbench()
  const current = useStore(store, (s) => s.sideView)
  const act = workbenchActions(store)
  return (
    <nav className="activity-bar" aria-label="Views">
      {items.map((item) => (
        <button
          key={item.view}
          type="button"
          className="activity-item"
          aria-pressed={current === item.view}
          title={item.keys ? `${item.title} (${formatShortcut(item.keys)})` : item.title}
          aria-label={item.title}
          onClick={() => act.toggleSideView(item.view)}
        >
          <Icon name={item.icon} size={24} />
          {item.view === 'problems' && problemCount > 0 && <span className="activity-badge" aria-hidden="true">{problemCount > 99 ? '99+' : problemCount}</span>}
          {item.view === 'comments' && commentCount > 0 && <span className="activity-badge" aria-hidden="true">{commentCount > 99 ? '99+' : commentCount}</span>}
        </button>
      ))}
    </nav>
  )
}
