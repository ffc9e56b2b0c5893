/**
 * X-Twilio-Signature: base64 HMAC-SHA1(auth token, full URL + each POST param's key and value,
 * sorted by key). SignalWire signs the same way with its project signing key, in
 * X-SignalWire-Signature (its SDKs also send X-Twilio-Signature for compatibility).
 *
 * Like twilio-node, the URL is tried with and without the default port, because providers are
 * inconsistent about it. JSON-bodied webhooks carry bodySHA256 in the query: the URL alone is
 * signed and the body is checked against that hex SHA-256.
 */
import { createHash, createHmac } from 'node:crypto'
import { header, rawBytes, safeEqual, type SignatureVerifier, type SignedRequest } from './verifier.ts'

type Params = Record<string, string | string[] | undefined>

/** The signature Twilio computes for a URL and its POST params (none for GET). */
export function twilioSignature(authToken: string, url: string, params: Params = {}): string {
  const data = Object.keys(params)
    .sort()
    .map((key) => {
      const value = params[key]
      const values = value === undefined ? [] : Array.isArray(value) ? [...value].sort() : [value]
      return values.map((v) => key + v).join('')
    })
    .join('')
  return createHmac('sha1', authToken).update(Buffer.from(url + data, 'utf8')).digest('base64')
}

/** The URL as given, plus the variant with the scheme's default port added or removed. */
export function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#@]*@)?([^/?#:]+|\[[^\]]*\])(?::(\d+))?(.*)$/is.exec(url)
  if (!match) return [url]
  const [, scheme, user = '', host, port, rest] = match
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80'
  if (port !== undefined && port !== defaultPort) return [url]
  const other = port === undefined ? `${scheme}://${user}${host}:${defaultPort}${rest}` : `${scheme}://${user}${host}${rest}`
  return [url, other]
}

function formParams(request: SignedRequest): Params {
  if (request.params) return request.params
  if ((request.method ?? 'POST').toUpperCase() === 'GET') return {}
  const params: Record<string, string[]> = {}
  for (const [key, value] of new URLSearchParams(rawBytes(request.rawBody).toString('utf8'))) (params[key] ??= []).push(value)
  return params
}

function verifyWith(key: string, headerNames: string[], provider: string): SignatureVerifier {
  return {
    provider,
    verify(request: SignedRequest): boolean {
      const given = headerNames.map((name) => header(request, name)).find((v) => v !== undefined)?.trim()
      if (!key || !given) return false
      const bodyHash = bodySha256(request.url)
      if (bodyHash !== undefined) {
        const actual = createHash('sha256').update(rawBytes(request.rawBody)).digest('hex')
        return urlVariants(request.url).some((url) => safeEqual(given, twilioSignature(key, url))) && safeEqual(bodyHash.toLowerCase(), actual)
      }
      const params = formParams(request)
      return urlVariants(request.url).some((url) => safeEqual(given, twilioSignature(key, url, params)))
    },
  }
}

function bodySha256(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('bodySHA256') ?? undefined
  } catch {
    return undefined
  }
}

/** Verifies Twilio voice webhooks with the account's auth token. */
export const twilioVerifier = (authToken: string): SignatureVerifier => verifyWith(authToken, ['x-twilio-signature'], 'twilio')

/** Verifies SignalWire cXML webhooks with the project's signing key. */
export const signalwireVerifier = (signingKey: string): SignatureVerifier =>
  verifyWith(signingKey, ['x-signalwire-signature', 'x-twilio-signature'], 'signalwire')
