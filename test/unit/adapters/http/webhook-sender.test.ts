/**
 * The sender's refusals that happen before any connection: URL rules, the lookup and the check of every resolved
 * address. No network: the resolver is a stub, and every case here ends before a socket would open (the answers,
 * TLS and timeouts against real servers are in test/integration/webhooks/webhook-sender.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { NodeWebhookSender, type ResolvedAddress } from '../../../../lambdas/adapters/http/webhook-sender';
import type { WebhookRequest } from '../../../../lambdas/ports/webhook-sender';

const request = (url: string): WebhookRequest => ({ url, headers: { 'webhook-id': 'msg_1' }, body: '{}' });

/** A resolver that answers from a table and records what it was asked. */
function stubResolver(table: Record<string, readonly string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<readonly ResolvedAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { asked, resolve };
}

describe('NodeWebhookSender before any connection', () => {
  it.each([
    ['ftp://hooks.example.com/'],
    ['http://hooks.example.com/'],
    ['https://user:secret@hooks.example.com/'],
    ['not a url'],
  ])('refuses %s as url-invalid without a lookup', async (url) => {
    // Prepare
    const dns = stubResolver({ 'hooks.example.com': ['93.184.215.14'] });
    const sender = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const outcome = await sender.send(request(url));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'url-invalid' });
    expect(dns.asked).toEqual([]);
  });

  it.each([
    ['hooks.example.com', ['10.1.2.3'], false],
    ['hooks.example.com', ['127.0.0.1'], false],
    ['hooks.example.com', ['::1'], false],
    ['hooks.example.com', ['169.254.169.254'], true],
    ['hooks.example.com', ['100.100.100.200'], true],
    ['hooks.example.com', ['::ffff:192.168.0.10'], true],
    ['hooks.example.com', ['fe80::1'], true],
    ['hooks.example.com', ['0.0.0.0'], true],
    ['hooks.example.com', ['93.184.215.14', '10.0.0.1'], true],
    ['hooks.example.com', ['2606:4700::1111', 'fd00::1'], true],
  ])('refuses %s resolving to %o (allowLoopback %s) as address-refused', async (host, addresses, allowLoopback) => {
    // Prepare
    const dns = stubResolver({ [host]: addresses });
    const sender = new NodeWebhookSender({ allowLoopback, resolve: dns.resolve });

    // Act
    const outcome = await sender.send(request(`https://${host}/hook`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'address-refused' });
    expect(outcome.kind === 'failed' && outcome.detail).toContain(host);
    expect(dns.asked).toEqual([host]);
  });

  it('refuses http://localhost when localhost resolves to anything but loopback', async () => {
    // Prepare
    const dns = stubResolver({ localhost: ['127.0.0.1', '192.168.1.20'] });
    const sender = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const outcome = await sender.send(request('http://localhost:8080/hook'));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'address-refused' });
  });

  it('refuses a literal address without a lookup', async () => {
    // Prepare
    const dns = stubResolver({});
    const sender = new NodeWebhookSender({ allowLoopback: false, resolve: dns.resolve });

    // Act
    const outcomes = await Promise.all(
      ['https://169.254.169.254/latest/meta-data/', 'https://[::ffff:7f00:1]/'].map((url) => sender.send(request(url))),
    );

    // Assess
    expect(outcomes.map((o) => o.kind === 'failed' && o.reason)).toEqual(['address-refused', 'address-refused']);
    expect(dns.asked).toEqual([]);
  });

  it('reports a name that does not resolve, or resolves to nothing, as dns', async () => {
    // Prepare
    const dns = stubResolver({ 'empty.example.com': [] });
    const sender = new NodeWebhookSender({ allowLoopback: false, resolve: dns.resolve });

    // Act
    const missing = await sender.send(request('https://missing.example.com/hook'));
    const empty = await sender.send(request('https://empty.example.com/hook'));

    // Assess
    expect(missing).toMatchObject({ kind: 'failed', reason: 'dns' });
    expect(missing.kind === 'failed' && missing.detail).toContain('ENOTFOUND');
    expect(empty).toMatchObject({ kind: 'failed', reason: 'dns' });
  });

  it('counts a lookup that never ends against the one deadline', async () => {
    // Prepare: a resolver that never answers; the deadline is configuration (20 ms), not a wait in the test
    const sender = new NodeWebhookSender({
      allowLoopback: false,
      timeoutMs: 20,
      resolve: () => new Promise<readonly ResolvedAddress[]>(() => {}),
    });

    // Act
    const outcome = await sender.send(request('https://hooks.example.com/hook'));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'timeout' });
  });

  it("rejects a header HTTP cannot carry (the caller's bug: a TypeError) before any lookup", async () => {
    // Prepare
    const dns = stubResolver({ 'hooks.example.com': ['93.184.215.14'] });
    const sender = new NodeWebhookSender({ allowLoopback: false, resolve: dns.resolve });

    // Act
    const sent = sender.send({ ...request('https://hooks.example.com/'), headers: { 'x-a': 'one\r\nx-b: two' } });

    // Assess
    await expect(sent).rejects.toThrow(TypeError);
    expect(dns.asked).toEqual([]);
  });
});
