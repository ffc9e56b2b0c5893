/**
 * The web chat hub's bus over Redis pub/sub, for several runtimes on one Redis store: a frame
 * broadcast on one runtime reaches the customer's socket held by another (a timer fired there, an
 * agent's message sent through that runtime's desk API). One channel per conversation
 * (`<prefix>webchat:<key>`), subscribed only while this runtime holds a socket of it, so a runtime
 * hears only the conversations it serves. Pub/sub is fire and forget: a frame published while no
 * runtime holds a socket is lost, as a frame pushed to a closed socket is; the transcript keeps the
 * message and the widget's next hello restores it.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { parseRedisUrl } from '../../host/stores/redis.ts'
import type { HubBus } from './hub.ts'

export interface RedisBus extends HubBus {
  /** Tells the other runtimes this one deployed or rolled back a flow (they reload their catalog). */
  announceDeploy(flowId: string): void
  close(): Promise<void>
}

/**
 * Connects the publisher and the subscriber; `deliver` gets the frames other runtimes published for a
 * conversation watched here, `deployed` the flow ids other runtimes deployed or rolled back.
 */
export async function connectRedisBus(url: string, deliver: (key: string, data: string) => void, onError?: (error: Error) => void, deployed: (flowId: string) => void = () => {}): Promise<RedisBus> {
  const { url: target, prefix } = parseRedisUrl(url)
  const channelPrefix = `${prefix}webchat:`
  const deploys = `${prefix}deploys`
  // this runtime's frames come back to it through its own subscription: they carry its id and are skipped (delivered here already)
  const origin = randomBytes(9).toString('base64url')
  const options = { lazyConnect: true, maxRetriesPerRequest: 20 }
  const publisher = new Redis(target, options)
  const subscriber = new Redis(target, options)
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => onError?.(error))
  await Promise.all([publisher.connect(), subscriber.connect()])
  await subscriber.subscribe(deploys)
  subscriber.on('message', (channel: string, message: string) => {
    const cut = message.indexOf('\n')
    if (cut < 0 || message.slice(0, cut) === origin) return
    if (channel === deploys) deployed(message.slice(cut + 1))
    else if (channel.startsWith(channelPrefix)) deliver(channel.slice(channelPrefix.length), message.slice(cut + 1))
  })
  const report = (error: Error) => onError?.(error)
  return {
    watch: (key) => void subscriber.subscribe(channelPrefix + key).catch(report),
    unwatch: (key) => void subscriber.unsubscribe(channelPrefix + key).catch(report),
    publish: (key, data) => void publisher.publish(channelPrefix + key, `${origin}\n${data}`).catch(report),
    announceDeploy: (flowId) => void publisher.publish(deploys, `${origin}\n${flowId}`).catch(report),
    async close() {
      await Promise.all([publisher.quit().catch(() => publisher.disconnect()), subscriber.quit().catch(() => subscriber.disconnect())])
    },
  }
}
