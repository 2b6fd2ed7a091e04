/**
 * Where a webhook may go: the URL rules and the address classification behind the SSRF-safe sender
 * (`lambdas/adapters/http/webhook-sender.ts`). Pure functions with no imports, so the subscriber registration
 * (`subscription.ts`) applies the same rules to a URL before anything is stored.
 *
 * Addresses are classified by number, not by pattern on the text: `::ffff:a00:1`, `::ffff:10.0.0.1` and `10.0.0.1`
 * are the same private address. IPv6 is allowed only inside global unicast (2000::/3), minus its special ranges;
 * addresses that embed an IPv4 address a router will reach (IPv4-mapped, IPv4-translated, NAT64 64:ff9b::/96, 6to4
 * 2002::/16) are judged by that IPv4 address.
 */

/**
 * Why an address may not receive a webhook. `invalid`: not an IPv4 or IPv6 address in canonical text.
 *
 * @example
 * const why: AddressRefusal = 'metadata';
 */
export type AddressRefusal =
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** Cloud instance-metadata endpoints (AWS IMDS and ECS/EKS agents, Tencent, Alibaba, Oracle, AWS IMDS over IPv6). */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '169.254.0.23',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2:0:0:0:0:0:254',
]);

/** Names of metadata services (they resolve to refused addresses anyway; refused by name before any lookup). */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.azure.com',
]);

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : Number.NaN));
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or undefined. Accepts `::` compression and a dotted IPv4 tail; no zone (`%eth0`). */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (!v4) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
        out.push(Number.parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // A dotted tail may only end the address, never stand before `::`.
  if ((halves[0] ?? '').includes('.') || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function ipv4Refusal(octets: readonly number[]): AddressRefusal | undefined {
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  if (METADATA_ADDRESSES.has(`${a}.${b}.${c}.${d}`)) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade-nat';
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'broadcast';
  if (a >= 240) return 'reserved';
  if (a >= 224) return 'multicast';
  // IETF protocol assignments, documentation, the old 6to4 relay anycast, benchmarking.
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'reserved';
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  if (a === 192 && b === 88 && c === 99) return 'reserved';
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  return undefined;
}

function ipv6Refusal(g: readonly number[]): AddressRefusal | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = (hi: number, lo: number) => ipv4Refusal([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  if (METADATA_ADDRESSES.has(g.map((group) => group.toString(16)).join(':'))) return 'metadata';
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  if (zeroUpTo(5) && g5 === 0xffff) return v4(g6, g7); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return v4(g6, g7); // ::ffff:0:a.b.c.d, IPv4-translated
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4(g6, g7); // NAT64
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10, the deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3 (::/96 compatible forms too)
  if (g0 === 0x2002) return v4(g1, g2); // 6to4 carries the IPv4 address of its relay
  // 2001::/23 IETF protocol assignments (Teredo, benchmarking, ORCHID), 2001:db8::/32 and 3fff::/20 documentation.
  if (g0 === 0x2001 && (g1 < 0x200 || g1 === 0xdb8)) return 'reserved';
  if (g0 === 0x3fff && g1 < 0x1000) return 'reserved';
  return undefined;
}

/**
 * Why a webhook may not go to this IP address, or undefined when it may. `allowLoopback` (the local runtime's
 * setting) lets loopback through and nothing else: private and metadata addresses stay refused.
 *
 * @example
 * webhookAddressRefusal('93.184.215.14', { allowLoopback: false }); // undefined
 * webhookAddressRefusal('::ffff:10.0.0.1', { allowLoopback: false }); // 'private'
 * webhookAddressRefusal('169.254.169.254', { allowLoopback: true }); // 'metadata'
 * webhookAddressRefusal('127.0.0.1', { allowLoopback: true }); // undefined
 */
export function webhookAddressRefusal(
  address: string,
  options: { readonly allowLoopback: boolean },
): AddressRefusal | undefined {
  const v4 = parseIpv4(address);
  const v6 = v4 ? undefined : parseIpv6(address);
  const refusal = v4 ? ipv4Refusal(v4) : v6 ? ipv6Refusal(v6) : 'invalid';
  return refusal === 'loopback' && options.allowLoopback ? undefined : refusal;
}

/**
 * A webhook URL that passed the rules: the parsed URL and its host as a connection takes it (IPv6 without brackets),
 * and whether that host is an IP literal (then it needs no lookup: it was classified already).
 *
 * @example
 * const target: WebhookTarget = { url: new URL('https://[2001:4860::8888]/h'), host: '2001:4860::8888', literal: true };
 */
export interface WebhookTarget {
  readonly url: URL;
  readonly host: string;
  readonly literal: boolean;
}

/**
 * The outcome of {@link checkWebhookUrl}: the target, or the refusal (`url-invalid` for the URL's form,
 * `address-refused` for a host that names a refused address or a metadata service).
 *
 * @example
 * const checked: WebhookUrlCheck = { ok: false, reason: 'url-invalid', detail: 'only https URLs' };
 */
export type WebhookUrlCheck =
  | { readonly ok: true; readonly target: WebhookTarget }
  | { readonly ok: false; readonly reason: 'url-invalid' | 'address-refused'; readonly detail: string };

const isIpLiteral = (host: string) => parseIpv4(host) !== undefined || parseIpv6(host) !== undefined;

/**
 * The URL rules, checked before any lookup: `https:` only, or `http:` to a loopback host (127.0.0.0/8, ::1,
 * `localhost`) when `allowLoopback`; no credentials; an IP-literal host is classified like a resolved address; names
 * of metadata services and `.internal` names are refused. A host name that passes still has to resolve to allowed
 * addresses (the sender checks every one).
 *
 * @example
 * checkWebhookUrl('https://hooks.example.com/permit', { allowLoopback: false }).ok; // true
 * checkWebhookUrl('http://hooks.example.com/permit', { allowLoopback: true }); // { ok: false, reason: 'url-invalid', … }
 * checkWebhookUrl('https://10.0.0.7/', { allowLoopback: false }); // { ok: false, reason: 'address-refused', … }
 */
export function checkWebhookUrl(text: string, options: { readonly allowLoopback: boolean }): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'url-invalid', detail: 'not a URL' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'url-invalid', detail: 'credentials in the URL' };
  }
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and the like into dotted quads, and IPv6 into its
  // canonical text (in brackets).
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIpLiteral(host);
  if (url.protocol === 'http:') {
    const isLoopback = host === 'localhost' || webhookAddressRefusal(host, { allowLoopback: false }) === 'loopback';
    if (!options.allowLoopback || !isLoopback) {
      return { ok: false, reason: 'url-invalid', detail: 'only https URLs (http only to loopback, locally)' };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, reason: 'url-invalid', detail: 'only https URLs' };
  }
  if (host === '') return { ok: false, reason: 'url-invalid', detail: 'no host' };
  if (literal) {
    const refusal = webhookAddressRefusal(host, options);
    if (refusal) return { ok: false, reason: 'address-refused', detail: `${host} is a ${refusal} address` };
  } else if (METADATA_NAMES.has(host) || host.endsWith('.internal')) {
    return { ok: false, reason: 'address-refused', detail: `${host} names an internal service` };
  }
  return { ok: true, target: { url, host, literal } };
}
