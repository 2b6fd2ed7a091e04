/**
 * Which network addresses a webhook may be sent to: public unicast only. Refused — in every cloud stage, at
 * registration for a URL whose host is an IP address and at every delivery for each address its hostname resolves to:
 *
 * | reason | IPv4 | IPv6 |
 * |---|---|---|
 * | `unspecified` | 0.0.0.0/8 | `::` |
 * | `loopback` | 127.0.0.0/8 | `::1` |
 * | `private` | 10/8, 172.16/12, 192.168/16 | fc00::/7 (unique local) |
 * | `shared` (carrier-grade NAT) | 100.64/10 | — |
 * | `link-local` | 169.254/16 (the cloud metadata endpoints among them) | fe80::/10 |
 * | `metadata` | 100.100.100.200 (Alibaba Cloud), 169.254.169.254 | fd00:ec2::254 |
 * | `reserved` | 192.0.0/24, 192.0.2/24, 198.18/15, 198.51.100/24, 203.0.113/24, 240/4, 255.255.255.255 | 2001:db8::/32, 100::/64 |
 * | `multicast` | 224/4 | ff00::/8 |
 *
 * An IPv6 address that carries an IPv4 one — IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
 * `64:ff9b::a.b.c.d` and 6to4 `2002:aabb:ccdd::` — is judged by the IPv4 address inside. The local runtime allows
 * loopback (`allowLoopback`) and nothing else beyond the public.
 *
 * @example
 * literalAddressRefusal('10.1.2.3', { allowLoopback: false }); // 'private'
 * literalAddressRefusal('hooks.example.cn', { allowLoopback: false }); // undefined: a name, checked after DNS
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Why an address is refused. */
export type AddressRefusal =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'reserved'
  | 'multicast';

const V4_RANGES: readonly [string, number, AddressRefusal][] = [
  ['169.254.169.254', 32, 'metadata'],
  ['100.100.100.200', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['169.254.0.0', 16, 'link-local'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const v4Number = (address: string): number => address.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function v4Refusal(address: string): AddressRefusal | undefined {
  const n = v4Number(address);
  for (const [base, bits, reason] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4Number(base);
    if (n >= start && n < start + size) return reason;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail becomes two groups). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] as string;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const n = v4Number(v4Tail[1] as string);
    text = `${text.slice(0, -(v4Tail[1] as string).length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array(missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
}

const v4Of = (high: number, low: number): string => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

function v6Refusal(address: string): AddressRefusal | undefined {
  const g = v6Groups(address);
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeroTo(7) && g[7] === 1) return 'loopback';
  // IPv4 inside: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::
  if (zeroTo(5) && g[5] === 0xffff) return v4Refusal(v4Of(g[6] as number, g[7] as number));
  if (zeroTo(6)) return v4Refusal(v4Of(g[6] as number, g[7] as number));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return v4Refusal(v4Of(g[6] as number, g[7] as number));
  }
  if (g[0] === 0x2002) return v4Refusal(v4Of(g[1] as number, g[2] as number));
  const first = g[0] as number;
  if (first === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x2001 && g[1] === 0x0db8) return 'reserved';
  if (first === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'reserved';
  return undefined;
}

/**
 * Why an IP address may not receive webhooks, or undefined when it may (see the module doc). A host name that is not
 * an IP address is undefined here: it is judged by what it resolves to.
 *
 * @example
 * literalAddressRefusal('::ffff:192.168.1.1', { allowLoopback: false }); // 'private'
 * literalAddressRefusal('127.0.0.1', { allowLoopback: true }); // undefined (the local runtime)
 */
export function literalAddressRefusal(
  address: string,
  options: { readonly allowLoopback: boolean },
): AddressRefusal | undefined {
  const host = address.replace(/^\[|\]$/g, '');
  const reason = isIPv4(host) ? v4Refusal(host) : isIPv6(host) ? v6Refusal(host) : undefined;
  return reason === 'loopback' && options.allowLoopback ? undefined : reason;
}

/**
 * Whether a host is loopback: `localhost`, 127.0.0.0/8 or `::1` (and their IPv4-mapped forms).
 *
 * @example
 * isLoopbackHost('localhost'); // true
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || literalAddressRefusal(bare, { allowLoopback: false }) === 'loopback';
}
