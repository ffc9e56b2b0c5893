/** The WhatsApp face: a phone with the green header, bubbles, reply buttons, list sheets and template bubbles. */
import { useEffect, useRef, useState } from 'react'
import type { Entry } from './driver.ts'
import { Composer, ListSheet, Media, Note, Replies, liveEntryId, tapAt, type FaceProps } from './parts.tsx'

type BotEntry = Extract<Entry, { kind: 'bot' }>

export function WhatsAppFace({ simulation, state }: FaceProps) {
  const [sheet, setSheet] = useState<BotEntry | undefined>()
  const opener = useRef<HTMLButtonElement | null>(null)
  const scroller = useRef<HTMLDivElement>(null)
  const live = liveEntryId(state)
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: scroller.current.scrollHeight })
  }, [state.entries.length])

  const closeSheet = () => {
    setSheet(undefined)
    opener.current?.focus()
  }

  return (
    <div className="sb-sim-phone" aria-label="WhatsApp preview">
      <div className="sb-sim-wa-head">
        <span className="sb-sim-avatar" aria-hidden="true">
          🛍
        </span>
        <div>
          <div className="sb-sim-wa-name">{simulation.flowName}</div>
          <div className="sb-sim-wa-status">{state.session.status === 'handoff' ? 'a person will answer' : 'business account'}</div>
        </div>
      </div>
      <div className="sb-sim-wa-chat" ref={scroller}>
        {state.entries.length === 0 && <Note text="Write a message to start the conversation." />}
        {state.entries.map((entry) => {
          if (entry.kind === 'customer') return <div key={entry.id} className="sb-sim-bubble sb-sim-out">{entry.text}</div>
          if (entry.kind === 'info') return <Note key={entry.id} text={entry.text} />
          if (entry.kind === 'http') return <Note key={entry.id} text={`⇄ ${entry.call.method} ${entry.call.url}${entry.answer ? ` → ${entry.answer.status}` : ' (waiting for your answer)'}`} />
          const { turn } = entry
          if (!turn.text && !turn.media && !turn.template && turn.note) return <Note key={entry.id} text={turn.note} />
          const isLive = entry.id === live
          return (
            <div key={entry.id} className="sb-sim-turn">
              <div className={`sb-sim-bubble sb-sim-in${turn.template ? ' sb-sim-template' : ''}`}>
                {turn.template && <div className="sb-sim-template-name">Template · {turn.template}</div>}
                {turn.media && <Media media={turn.media} />}
                {turn.text && <div className="sb-sim-text">{turn.text}</div>}
                {turn.list && (
                  <button
                    type="button"
                    className="sb-sim-list-button"
                    disabled={!isLive}
                    aria-haspopup="dialog"
                    onClick={(e) => {
                      opener.current = e.currentTarget
                      setSheet(entry)
                    }}
                  >
                    ☰ {turn.list.button}
                  </button>
                )}
              </div>
              {turn.buttons && <Replies className="sb-sim-wa-buttons" labels={turn.buttons} live={isLive} onTap={(i) => tapAt(simulation, entry, turn.buttons!, i)} />}
              {turn.note && (turn.text || turn.media) && <Note text={turn.note} />}
            </div>
          )
        })}
      </div>
      {sheet?.turn.list && (
        <ListSheet
          title={sheet.turn.list.button}
          rows={sheet.turn.list.rows}
          onClose={closeSheet}
          onPick={(i) => {
            const rows = sheet.turn.list!.rows.map((r) => r.title)
            setSheet(undefined)
            tapAt(simulation, sheet, rows, i)
          }}
        />
      )}
      <Composer label="Message as the customer" placeholder="Message" onSend={(text) => simulation.say(text)} />
    </div>
  )
}
