/**
 * The webhook address policy: public unicast addresses pass; private, loopback, link-local, metadata, shared, reserved,
 * multicast and unspecified ones are refused with their reason, in IPv4 and IPv6 and in every IPv6 form that carries
 * an IPv4 address; loopback alone is let through locally; host names are left to DNS.
 */
import { describe, expect, test } from 'vitest';
import { isLoopbackHost, literalAddressRefusal } from '../../../../lambdas/domain/webhooks/address-policy';

const cases: [string, string | undefined][] = [
  ['8.8.8.8', undefined],
  ['114.114.114.114', undefined],
  ['2400:3200::1', undefined],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', undefined],
  ['192.168.10.1', 'private'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['100.64.0.1', 'shared'],
  ['100.127.255.255', 'shared'],
  ['169.254.1.1', 'link-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['169.254.169.254', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['192.0.2.7', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:a00:1', 'private'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['::ffff:8.8.8.8', undefined],
  ['::10.0.0.1', 'private'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['64:ff9b::8.8.8.8', undefined],
  ['2002:c0a8:0101::1', 'private'],
  ['2002:0808:0808::1', undefined],
  ['hooks.example.cn', undefined],
  ['localhost', undefined],
];

describe('literalAddressRefusal', () => {
  test.each(cases)('%s → %s', (address, reason) => {
    // Act + Assess
    expect(literalAddressRefusal(address, { allowLoopback: false })).toBe(reason);
  });

  test('the local runtime lets loopback through, and nothing else that is not public', () => {
    // Act + Assess
    expect(literalAddressRefusal('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(literalAddressRefusal('::1', { allowLoopback: true })).toBeUndefined();
    expect(literalAddressRefusal('10.0.0.1', { allowLoopback: true })).toBe('private');
    expect(literalAddressRefusal('169.254.169.254', { allowLoopback: true })).toBe('metadata');
  });

  test('loopback hosts: localhost, 127/8 and ::1', () => {
    // Act + Assess
    expect(
      ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::ffff:127.0.0.1'].map(isLoopbackHost),
    ).toEqual([true, true, true, true, true, true]);
    expect(['example.cn', '10.0.0.1', '::2'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
