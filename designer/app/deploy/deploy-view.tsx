/**
 * The Deploy view: sends the flow as it is now to a runtime, shows what the runtime said (the new
 * version, or its problems), the version list with the active one marked, and rolls back.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { DeployProps } from '../contracts.ts'
import { deployFlow, listVersions, rollBack, RuntimeApiError, type FlowVersion, type RemoteProblem, type RuntimeSettings } from './runtime-api.ts'
import { defaultSettings, loadSettings, saveSettings } from './settings.ts'
import './deploy.css'

type Outcome = { ok: true; text: string } | { ok: false; text: string; problems: RemoteProblem[] }

const failure = (error: unknown): Outcome =>
  error instanceof RuntimeApiError ? { ok: false, text: error.message, problems: error.problems } : { ok: false, text: (error as Error).message, problems: [] }

function SettingsForm({ initial, onSave, onCancel }: { initial: RuntimeSettings; onSave(settings: RuntimeSettings): void; onCancel?: () => void }) {
  const [url, setUrl] = useState(initial.url)
  const [token, setToken] = useState(initial.token)
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({ url: url.trim(), token: token.trim() })
  }
  return (
    <form className="sb-deploy-settings" onSubmit={submit} aria-label="Runtime settings">
      <label htmlFor={`${id}-url`}>Runtime URL</label>
      <input id={`${id}-url`} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://localhost:3000" />
      <label htmlFor={`${id}-token`}>API token</label>
      <input id={`${id}-token`} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="SWITCHBOARD_TOKEN" aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="sb-deploy-muted">
        The runtime prints its token at start, or reads it from SWITCHBOARD_TOKEN. Kept in this browser only.
      </p>
      <div className="sb-deploy-row">
        <button type="submit">Save</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}

export function DeployView({ open }: DeployProps) {
  const [settings, setSettings] = useState<RuntimeSettings>(() => loadSettings() ?? defaultSettings())
  const [editing, setEditing] = useState(() => !loadSettings() && !defaultSettings().token)
  const [busy, setBusy] = useState<string>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [versions, setVersions] = useState<FlowVersion[]>()
  const [listError, setListError] = useState<string>()
  const request = useRef(0)
  const id = open.flow.id
  const errors = open.problems.filter((p) => p.severity === 'error').length

  const refresh = useCallback(async () => {
    const mine = ++request.current
    try {
      const list = await listVersions(settings, id)
      if (mine !== request.current) return
      setVersions(list)
      setListError(undefined)
    } catch (error) {
      if (mine !== request.current) return
      setVersions(undefined)
      setListError((error as Error).message)
    }
  }, [settings, id])

  useEffect(() => {
    if (!editing) void refresh()
  }, [refresh, editing])

  const run = async (label: string, action: () => Promise<Outcome>) => {
    setBusy(label)
    setOutcome(undefined)
    try {
      setOutcome(await action())
    } catch (error) {
      setOutcome(failure(error))
    } finally {
      setBusy(undefined)
      void refresh()
    }
  }

  const deploy = () =>
    run('deploy', async () => {
      const result = await deployFlow(settings, open.flow)
      return { ok: true, text: result.unchanged ? `${result.id} v${result.version} is already deployed (unchanged).` : `Deployed ${result.id} v${result.version}.` }
    })
  const rollback = (version: number) =>
    run(`rollback-${version}`, async () => {
      const result = await rollBack(settings, id, version)
      return { ok: true, text: `Rolled ${result.id} back to v${result.version}.` }
    })

  if (editing)
    return (
      <div className="sb-deploy" aria-label="Deploy">
        <h2>Deploy to a runtime</h2>
        <SettingsForm
          initial={settings}
          onCancel={loadSettings() ? () => setEditing(false) : undefined}
          onSave={(next) => {
            saveSettings(next)
            setSettings(next)
            setEditing(false)
          }}
        />
      </div>
    )

  return (
    <div className="sb-deploy" aria-label="Deploy">
      <h2>Deploy {open.flow.name || id}</h2>
      <p className="sb-deploy-target">
        Runtime <code>{settings.url}</code> · {settings.token ? 'token set' : 'no token'}{' '}
        <button type="button" className="sb-deploy-link" onClick={() => setEditing(true)}>
          Change
        </button>
      </p>
      {errors > 0 && (
        <p className="sb-deploy-warning">
          This flow has {errors} error{errors === 1 ? '' : 's'} in Problems; the runtime will refuse it.
        </p>
      )}
      <button type="button" className="sb-deploy-primary" onClick={deploy} disabled={!!busy}>
        {busy === 'deploy' ? 'Deploying…' : `Deploy ${id}`}
      </button>
      <div role="status" aria-live="polite">
        {outcome?.ok && <p className="sb-deploy-ok">{outcome.text}</p>}
      </div>
      {outcome && !outcome.ok && (
        <div role="alert" className="sb-deploy-error">
          <p>{outcome.text}</p>
          {outcome.problems.length > 0 && (
            <ul aria-label="Problems the runtime found">
              {outcome.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.pointer || '/'}</code> {p.message} <span className="sb-deploy-muted">({p.code})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <section aria-label="Versions">
        <h3>Versions</h3>
        {listError && <p className="sb-deploy-error">{listError}</p>}
        {versions?.length === 0 && <p className="sb-deploy-muted">Not deployed to this runtime yet.</p>}
        {versions && versions.length > 0 && (
          <table className="sb-deploy-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Deployed</th>
                <th scope="col">From</th>
                <th scope="col">
                  <span className="sb-deploy-sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} aria-current={v.active || undefined} className={v.active ? 'sb-deploy-active' : undefined}>
                  <th scope="row">
                    v{v.version} {v.active && <span className="sb-deploy-badge">active</span>}
                  </th>
                  <td>{new Date(v.deployedAt).toLocaleString()}</td>
                  <td>{v.source}</td>
                  <td>
                    {!v.active && (
                      <button type="button" disabled={!!busy} onClick={() => rollback(v.version)} aria-label={`Roll back to v${v.version}`}>
                        Roll back
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
