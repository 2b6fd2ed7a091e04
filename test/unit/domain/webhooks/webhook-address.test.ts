import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, webhookAddressRefusal } from '../../../../lambdas/domain/webhooks/webhook-address';

const strict = { allowLoopback: false };
const local = { allowLoopback: true };

describe('webhookAddressRefusal', () => {
  it.each([
    // public IPv4
    ['93.184.215.14', undefined],
    ['8.8.8.8', undefined],
    ['1.1.1.1', undefined],
    ['100.63.255.255', undefined],
    ['100.128.0.0', undefined],
    ['172.15.255.255', undefined],
    ['172.32.0.0', undefined],
    ['223.255.255.255', undefined],
    // refused IPv4
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['169.254.0.23', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.88.99.1', 'reserved'],
    // public IPv6, and IPv6 forms of a public IPv4 address
    ['2606:4700:4700::1111', undefined],
    ['2001:4860:4860::8888', undefined],
    ['2a00:1450:4001:82b::200e', undefined],
    ['::ffff:8.8.8.8', undefined],
    ['::ffff:808:808', undefined],
    ['64:ff9b::808:808', undefined],
    ['2002:808:808::1', undefined],
    // refused IPv6
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['::2', 'reserved'],
    ['::8.8.8.8', 'reserved'],
    ['100::1', 'reserved'],
    ['64:ff9b:1::a00:1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['4000::1', 'reserved'],
    // IPv6 forms that embed a refused IPv4 address
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::FFFF:A00:1', 'private'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:a00:1::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::', 'metadata'],
    // not addresses
    ['', 'invalid'],
    ['localhost', 'invalid'],
    ['010.0.0.1', 'invalid'],
    ['1.2.3', 'invalid'],
    ['1.2.3.256', 'invalid'],
    ['0x7f.0.0.1', 'invalid'],
    ['fe80::1%eth0', 'invalid'],
    ['1::2::3', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
    ['1.2.3.4::', 'invalid'],
    ['12345::', 'invalid'],
  ])('%s → %s', (address, expected) => {
    // Act
    const refusal = webhookAddressRefusal(address, strict);

    // Assess
    expect(refusal).toBe(expected);
  });

  it('lets loopback through locally, and nothing else that is refused', () => {
    // Act
    const locally = ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '10.0.0.1', '169.254.169.254', '::'].map(
      (address) => webhookAddressRefusal(address, local),
    );

    // Assess
    expect(locally).toEqual([undefined, undefined, undefined, undefined, 'private', 'metadata', 'unspecified']);
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['https://hooks.example.com/permit', strict, 'hooks.example.com'],
    ['https://hooks.example.com:8443/p?q=1#f', strict, 'hooks.example.com'],
    ['https://8.8.8.8/hook', strict, '8.8.8.8'],
    ['https://[2001:4860:4860::8888]/hook', strict, '2001:4860:4860::8888'],
    ['http://127.0.0.1:8080/hook', local, '127.0.0.1'],
    ['http://localhost:8080/hook', local, 'localhost'],
    ['http://[::1]:8080/hook', local, '::1'],
    ['https://127.0.0.1/hook', local, '127.0.0.1'],
  ])('accepts %s', (url, options, host) => {
    // Act
    const checked = checkWebhookUrl(url, options);

    // Assess
    expect(checked).toMatchObject({ ok: true, target: { host } });
  });

  it.each([
    ['not a url', local, 'url-invalid'],
    ['/relative/path', local, 'url-invalid'],
    ['ftp://hooks.example.com/', local, 'url-invalid'],
    ['file:///etc/passwd', local, 'url-invalid'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', local, 'url-invalid'],
    ['http://hooks.example.com/', strict, 'url-invalid'],
    ['http://hooks.example.com/', local, 'url-invalid'],
    ['http://8.8.8.8/', local, 'url-invalid'],
    ['http://127.0.0.1/', strict, 'url-invalid'],
    ['http://localhost/', strict, 'url-invalid'],
    ['http://10.0.0.1/', local, 'url-invalid'],
    ['https://user:pass@hooks.example.com/', strict, 'url-invalid'],
    ['https://user@hooks.example.com/', strict, 'url-invalid'],
    ['https://127.0.0.1/', strict, 'address-refused'],
    ['https://2130706433/', strict, 'address-refused'],
    ['https://0x7f.1/', strict, 'address-refused'],
    ['https://[::1]/', strict, 'address-refused'],
    ['https://[::ffff:10.0.0.1]/', local, 'address-refused'],
    ['https://10.0.0.7/', local, 'address-refused'],
    ['https://169.254.169.254/latest/meta-data/', local, 'address-refused'],
    ['https://100.100.100.200/', local, 'address-refused'],
    ['https://[fd00:ec2::254]/', local, 'address-refused'],
    ['https://metadata.google.internal/', local, 'address-refused'],
    ['https://metadata.tencentyun.com/', local, 'address-refused'],
    ['https://anything.internal/', local, 'address-refused'],
  ])('refuses %s (%o) as %s', (url, options, reason) => {
    // Act
    const checked = checkWebhookUrl(url, options);

    // Assess
    expect(checked).toMatchObject({ ok: false, reason });
  });
});
