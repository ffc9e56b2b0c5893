/** The runtime's settings, from flags and the environment variables DESIGN.md names. */
import { randomBytes } from 'node:crypto'

export interface RuntimeConfig {
  port: number
  /** Interface to bind; unset = every interface (IPv6 and IPv4), so http://localhost works whichever it resolves to. */
  host?: string
  flowsDir?: string
  store: string
  /** Bearer token for the APIs and the desk; made at start when none is set. */
  token: string
  tokenGenerated: boolean
  whatsapp: { verifyToken?: string; appSecret?: string; accessToken?: string; apiUrl: string }
  twilio: { authToken?: string }
  publicUrl?: string
  /** Hosts or CIDRs the http node may call although they are private or loopback. */
  httpAllow: string[]
  /** Largest webhook body accepted. */
  bodyLimit: string
  /** Generic hand-off webhook for external helpdesks (docs/chatwoot.md): hand-off, claim, resolve and SLA events as JSON. */
  handoffWebhook?: string
  /** Where {{secrets.NAME}} in HTTP and Notify nodes are read from: the environment the runtime was started with. Never logged. */
  secrets: Readonly<Record<string, string | undefined>>
}

export function loadConfig(flags: { port?: number; host?: string; flows?: string; store?: string }, env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const token = env.SWITCHBOARD_TOKEN || randomBytes(18).toString('base64url')
  return {
    port: flags.port ?? Number(env.PORT ?? 3000),
    host: flags.host ?? env.SWITCHBOARD_HOST,
    flowsDir: flags.flows,
    store: flags.store ?? env.SWITCHBOARD_STORE ?? 'sqlite:.switchboard/switchboard.db',
    token,
    tokenGenerated: !env.SWITCHBOARD_TOKEN,
    whatsapp: {
      verifyToken: env.WHATSAPP_VERIFY_TOKEN,
      appSecret: env.WHATSAPP_APP_SECRET,
      accessToken: env.WHATSAPP_ACCESS_TOKEN,
      apiUrl: (env.WHATSAPP_API_URL ?? 'https://graph.facebook.com/v21.0').replace(/\/$/, ''),
    },
    twilio: { authToken: env.TWILIO_AUTH_TOKEN },
    publicUrl: env.SWITCHBOARD_PUBLIC_URL?.replace(/\/$/, ''),
    httpAllow: (env.SWITCHBOARD_HTTP_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimit: env.SWITCHBOARD_BODY_LIMIT ?? '1mb',
    handoffWebhook: env.SWITCHBOARD_HANDOFF_WEBHOOK || undefined,
    secrets: env,
  }
}
