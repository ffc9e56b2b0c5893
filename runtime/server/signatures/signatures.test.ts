import { createHmac, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { SignatureVerifier, SignedRequest } from './verifier.ts'
import { whatsappSignature, whatsappVerifier } from './whatsapp.ts'
import { signalwireVerifier, twilioSignature, twilioVerifier, urlVariants } from './twilio.ts'
import { telnyxVerifier } from './telnyx.ts'

describe('WhatsApp X-Hub-Signature-256', () => {
  const secret = 'app-secret'
  const body = '{"object":"whatsapp_business_account","entry":[]}'
  const expected = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
  const verifier = whatsappVerifier(secret)
  const request = (signature?: string, rawBody: string | Buffer = body): SignedRequest => ({ url: 'https://x/webhooks/whatsapp', headers: signature ? { 'X-Hub-Signature-256': signature } : {}, rawBody })

  it('accepts the HMAC of the raw body, in either hex case and as bytes', () => {
    expect(whatsappSignature(secret, body)).toBe(expected)
    expect(verifier.verify(request(expected))).toBe(true)
    expect(verifier.verify(request(expected.toUpperCase().replace('SHA256=', 'sha256=')))).toBe(true)
    expect(verifier.verify(request(expected, Buffer.from(body)))).toBe(true)
  })
  it('refuses a re-serialised body, a wrong secret, a missing or malformed header', () => {
    expect(verifier.verify(request(expected, JSON.stringify(JSON.parse(body), null, 1)))).toBe(false)
    expect(whatsappVerifier('other').verify(request(expected))).toBe(false)
    expect(whatsappVerifier('').verify(request(whatsappSignature('', body)))).toBe(false)
    for (const bad of [undefined, '', 'sha256=', expected.slice(0, -1), expected.replace('sha256=', 'sha1='), expected + '00']) {
      expect(verifier.verify(request(bad))).toBe(false)
    }
  })
})

describe('Twilio / SignalWire X-Twilio-Signature', () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' }
  const documented = '0/KCTR6DLpKmkAf8muzZqo1nDgQ='

  it("matches Twilio's documented example", () => {
    expect(twilioSignature('12345', url, params)).toBe(documented)
    expect(twilioVerifier('12345').verify({ url, headers: { 'x-twilio-signature': documented }, rawBody: '', params })).toBe(true)
  })
  it('parses the form body when no params are given, and tries the URL with and without :443', () => {
    const rawBody = new URLSearchParams(params).toString()
    const verifier = twilioVerifier('12345')
    expect(verifier.verify({ url, headers: { 'X-Twilio-Signature': documented }, rawBody })).toBe(true)
    expect(verifier.verify({ url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2', headers: { 'x-twilio-signature': documented }, rawBody })).toBe(true)
    expect(urlVariants('https://a.example:8443/x')).toEqual(['https://a.example:8443/x'])
    expect(urlVariants('http://a.example/x?y')).toEqual(['http://a.example/x?y', 'http://a.example:80/x?y'])
  })
  it('refuses a changed param, a changed URL, a wrong token, no header', () => {
    const verifier = twilioVerifier('12345')
    const ok = { url, headers: { 'x-twilio-signature': documented }, rawBody: '', params }
    expect(verifier.verify({ ...ok, params: { ...params, Digits: '1235' } })).toBe(false)
    expect(verifier.verify({ ...ok, url: url.replace('foo=1', 'foo=2') })).toBe(false)
    expect(twilioVerifier('54321').verify(ok)).toBe(false)
    expect(verifier.verify({ ...ok, headers: {} })).toBe(false)
  })
  it('signs repeated keys value by value in sorted order, and GET as the URL alone', () => {
    const expected = createHmac('sha1', 'k').update('https://x/v' + 'Aa' + 'Bx' + 'By').digest('base64')
    expect(twilioSignature('k', 'https://x/v', { B: ['y', 'x'], A: 'a' })).toBe(expected)
    const getUrl = 'https://x/v?CallSid=CA1&Digits=2'
    const getSig = createHmac('sha1', 'k').update(getUrl).digest('base64')
    expect(twilioVerifier('k').verify({ url: getUrl, method: 'GET', headers: { 'x-twilio-signature': getSig }, rawBody: '' })).toBe(true)
  })
  it('checks bodySHA256 for JSON-bodied webhooks', () => {
    const body = '{"a":1}'
    const hash = '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'
    const signedUrl = `https://x/v?bodySHA256=${hash}`
    const signature = createHmac('sha1', 'k').update(signedUrl).digest('base64')
    const verifier = twilioVerifier('k')
    expect(verifier.verify({ url: signedUrl, headers: { 'x-twilio-signature': signature }, rawBody: body })).toBe(true)
    expect(verifier.verify({ url: signedUrl, headers: { 'x-twilio-signature': signature }, rawBody: '{"a":2}' })).toBe(false)
  })
  it('SignalWire: same scheme with the signing key, in its own header or the Twilio one', () => {
    const signature = twilioSignature('PSK_1', url, params)
    const verifier: SignatureVerifier = signalwireVerifier('PSK_1')
    expect(verifier.verify({ url, headers: { 'X-SignalWire-Signature': signature }, rawBody: '', params })).toBe(true)
    expect(verifier.verify({ url, headers: { 'X-Twilio-Signature': signature }, rawBody: '', params })).toBe(true)
    expect(verifier.verify({ url, headers: { 'X-SignalWire-Signature': documented }, rawBody: '', params })).toBe(false)
  })
})

describe('Telnyx Ed25519', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
  const body = '{"data":{"event_type":"call.initiated"}}'
  const timestamp = '1717100000'
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64')
  const now = () => 1717100000_000 + 10_000
  const request = (headers: Record<string, string>, rawBody = body): SignedRequest => ({ url: 'https://x/webhooks/voice', headers, rawBody })
  const good = { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp }

  it('accepts a signature over timestamp|body with a raw or SPKI base64 public key', () => {
    expect(telnyxVerifier(raw, { now }).verify(request(good))).toBe(true)
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
    expect(telnyxVerifier(spki, { now }).verify(request(good))).toBe(true)
  })
  it('refuses a changed body or timestamp, an old timestamp, garbage, another key', () => {
    const verifier = telnyxVerifier(raw, { now })
    expect(verifier.verify(request(good, body + ' '))).toBe(false)
    expect(verifier.verify(request({ ...good, 'telnyx-timestamp': '1717100001' }))).toBe(false)
    expect(telnyxVerifier(raw, { now: () => 1717100000_000 + 301_000 }).verify(request(good))).toBe(false)
    expect(verifier.verify(request({ ...good, 'telnyx-signature-ed25519': 'not base64!' }))).toBe(false)
    expect(verifier.verify(request({ 'telnyx-timestamp': timestamp }))).toBe(false)
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
    expect(telnyxVerifier(other, { now }).verify(request(good))).toBe(false)
  })
})
