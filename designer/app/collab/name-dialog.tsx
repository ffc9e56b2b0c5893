/**
 * Asks a participant's name once (remembered in this browser); until then they are "Guest n". Not
 * modal and not focused by itself: it waits in a corner under the title bar while work goes on.
 */
import { useState, type FormEvent } from 'react'
import { useStore } from '../state/store.ts'
import { chooseName, userStore } from './user.ts'

export function NameDialog() {
  const { user, chosen } = useStore(userStore, (s) => s)
  const [name, setName] = useState(user.name)
  if (chosen) return null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    chooseName(name)
  }
  return (
    <div className="sb-name-corner">
      <form className="sb-name-dialog" role="dialog" aria-modal="false" aria-labelledby="sb-name-title" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && chooseName(user.name)}>
        <h2 id="sb-name-title">What should collaborators call you?</h2>
        <p>Others in this flow see your name and colour beside your cursor.</p>
        <label>
          Your name
          <input value={name} maxLength={60} onChange={(event) => setName(event.target.value)} onFocus={(event) => event.target.select()} />
        </label>
        <div className="sb-name-actions">
          <button type="button" onClick={() => chooseName(user.name)}>Stay {user.name}</button>
          <button type="submit" className="is-primary">Join</button>
        </div>
      </form>
    </div>
  )
}
