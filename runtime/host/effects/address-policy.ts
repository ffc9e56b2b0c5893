/**
 * Which addresses a flow's HTTP calls may reach. A flow file is data anyone with deploy rights writes,
 * so by default it must not reach the runtime's own machine or private network (cloud metadata at
 * 169.254.169.254, an admin port on 127.0.0.1, the office LAN); the operator lists exceptions.
 */
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6')

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:127.0.0.1, ::ffff:7f00:1), else undefined. */
function mappedIPv4(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (dotted) return dotted[1]
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (!hex) return undefined
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)]
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** True for loopback, private, link-local, unspecified and multicast addresses. */
export function isPrivateAddress(address: string): boolean {
  const v4 = mappedIPv4(address)
  if (v4) return blocked.check(v4, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export type Resolve = (host: string) => Promise<string[]>
const resolveAll: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)

/**
 * Builds the check for `allow`: host names (exact, case-insensitive), IP addresses or CIDR blocks
 * that are reachable even though private. Resolves the host and refuses it if any address is private.
 */
export function createAddressPolicy(allow: string[], resolve: Resolve = resolveAll) {
  const names = new Set<string>()
  const allowed = new BlockList()
  for (const entry of allow) {
    const [net, prefix] = entry.split('/')
    const family = isIP(net)
    if (family === 0) names.add(entry.toLowerCase())
    else if (prefix === undefined) allowed.addAddress(net, family === 4 ? 'ipv4' : 'ipv6')
    else allowed.addSubnet(net, Number(prefix), family === 4 ? 'ipv4' : 'ipv6')
  }
  const isAllowed = (address: string) => {
    const family = isIP(address)
    return family !== 0 && allowed.check(address, family === 4 ? 'ipv4' : 'ipv6')
  }

  /** Resolves to true when every address the URL's host stands for may be reached. */
  return async function permitted(url: URL): Promise<boolean> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
    if (names.has(host)) return true
    const addresses = isIP(host) ? [host] : await resolve(host)
    return addresses.length > 0 && addresses.every((address) => isAllowed(address) || !isPrivateAddress(address))
  }
}
