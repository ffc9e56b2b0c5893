/** The web chat face: the site widget's pane with quick replies and inline lists. */
import { useEffect, useRef } from 'react'
import { Composer, Media, Note, Replies, liveEntryId, tapAt, type FaceProps } from './parts.tsx'

export function WebchatFace({ simulation, state }: FaceProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const live = liveEntryId(state)
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: scroller.current.scrollHeight })
  }, [state.entries.length])

  return (
    <div className="sb-sim-webchat" aria-label="Web chat preview">
      <div className="sb-sim-wc-head">
        <span aria-hidden="true">💬</span> {simulation.flowName}
      </div>
      <div className="sb-sim-wc-chat" ref={scroller}>
        {state.entries.length === 0 && <Note text="Write a message to start the conversation." />}
        {state.entries.map((entry) => {
          if (entry.kind === 'customer') return <div key={entry.id} className="sb-sim-wc-msg sb-sim-out">{entry.text}</div>
          if (entry.kind === 'info') return <Note key={entry.id} text={entry.text} />
          if (entry.kind === 'http') return <Note key={entry.id} text={`⇄ ${entry.call.method} ${entry.call.url}${entry.answer ? ` → ${entry.answer.status}` : ' (waiting for your answer)'}`} />
          const { turn } = entry
          if (!turn.text && !turn.media && turn.note) return <Note key={entry.id} text={turn.note} />
          const isLive = entry.id === live
          const rows = turn.list?.rows
          return (
            <div key={entry.id} className="sb-sim-turn">
              <div className="sb-sim-wc-msg sb-sim-in">
                {turn.media && <Media media={turn.media} />}
                {turn.text && <div className="sb-sim-text">{turn.text}</div>}
              </div>
              {rows && (
                <div className="sb-sim-wc-list" role="group" aria-label={turn.list!.button}>
                  {rows.map((row, i) => (
                    <button key={i} type="button" disabled={!isLive} onClick={() => tapAt(simulation, entry, rows.map((r) => r.title), i)}>
                      <span className="sb-sim-row-title">{row.title}</span>
                      {row.description && <span className="sb-sim-row-desc">{row.description}</span>}
                    </button>
                  ))}
                </div>
              )}
              {turn.buttons && <Replies className="sb-sim-wc-chips" labels={turn.buttons} live={isLive} onTap={(i) => tapAt(simulation, entry, turn.buttons!, i)} />}
              {turn.note && turn.text && <Note text={turn.note} />}
            </div>
          )
        })}
      </div>
      <Composer label="Message as the visitor" placeholder="Type a message…" onSend={(text) => simulation.say(text)} />
    </div>
  )
}
