/**
 * The SSRF-safe webhook sender against real local servers: node:http on 127.0.0.1 (allowed only with
 * `allowLoopback`) and node:https with a self-signed certificate made in the test (trusted through the sender's `ca`
 * option, so the certificate check itself is exercised). Host names under `.test` never resolve on their own: a stub
 * resolver points them at the local server, which also shows that the connection goes to the checked address.
 *
 * Timeouts are configuration (a 500 ms deadline against a server that never answers), never a wait in the test.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeWebhookSender, type ResolvedAddress } from '../../../lambdas/adapters/http/webhook-sender';
import { selfSignedCertificate } from '../../support/self-signed-certificate';

/** What a local server saw: its TCP connections and the requests that reached it. */
interface Seen {
  connections: number;
  requests: {
    method: string;
    url: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
    /** The TLS server name (SNI) the client asked for; undefined over plain http. */
    servername: string | false | null | undefined;
  }[];
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Starts a server on 127.0.0.1 that records what it sees and hands each complete request to `answer`. */
async function localServer(answer: RequestListener, tls?: { key: string; cert: string }) {
  const seen: Seen = { connections: 0, requests: [] };
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const servername = (req.socket as TLSSocket).servername;
      seen.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, servername });
      answer(req, res);
    });
  };
  const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  server.on('connection', () => {
    seen.connections += 1;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, seen };
}

/** A resolver that answers from a table and records every question. */
function stubResolver(table: Record<string, readonly string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<readonly ResolvedAddress[]> => {
    asked.push(host);
    return (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { asked, resolve };
}

const delivery = (url: string, body = '{"type":"licence.status_changed"}') => ({
  url,
  headers: { 'webhook-id': 'msg_2qNvZ', 'webhook-timestamp': '1795752000', 'webhook-signature': 'v1,K5oZfzN95Z9UV=' },
  body,
});

describe('answers', () => {
  it('POSTs the body and headers exactly, with its own content-type and user-agent', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.writeHead(204).end());
    const sender = new NodeWebhookSender({ allowLoopback: true });
    const body = '{"type":"licence.status_changed","data":{"licenceNumber":"(鄂)XK13-001-00001","status":"吊销"}}';
    const request = {
      ...delivery(`http://127.0.0.1:${port}/hooks/permit?tenant=7`, body),
      headers: { ...delivery('').headers, 'User-Agent': 'spoofed/1', 'Content-Type': 'text/plain', 'x-extra': 'yes' },
    };

    // Act
    const outcome = await sender.send(request);

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 204, body: '' });
    expect(seen.requests).toHaveLength(1);
    const received = seen.requests[0];
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/hooks/permit?tenant=7');
    expect(received?.body).toBe(body);
    expect(received?.headers).toMatchObject({
      'webhook-id': 'msg_2qNvZ',
      'webhook-timestamp': '1795752000',
      'webhook-signature': 'v1,K5oZfzN95Z9UV=',
      'x-extra': 'yes',
      'content-type': 'application/json',
      'user-agent': 'Permit-Webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
      host: `127.0.0.1:${port}`,
    });
  });

  it('keeps at most 1 KB of the body, cut before a split character', async () => {
    // Prepare: 1 + 2 × 600 bytes; the 1024th byte is the first half of an "é"
    const { port } = await localServer((_req, res) => res.writeHead(200).end(`a${'é'.repeat(600)}`));
    const sender = new NodeWebhookSender({ allowLoopback: true });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 200, body: `a${'é'.repeat(511)}` });
    expect(Buffer.byteLength(outcome.kind === 'answered' ? outcome.body : '')).toBe(1023);
  });

  it('replaces invalid UTF-8 (a whole body to its last byte) and reports a 5xx as an answer', async () => {
    // Prepare: "busy", an invalid byte, "!", and the first byte of a three-byte character that never comes
    const { port } = await localServer((_req, res) =>
      res.writeHead(503).end(Buffer.from([0x62, 0x75, 0x73, 0x79, 0xff, 0x21, 0xe2])),
    );
    const sender = new NodeWebhookSender({ allowLoopback: true });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 503, body: 'busy\uFFFD!\uFFFD' });
  });

  it('stops reading an endless body after 1 KB and closes the connection', async () => {
    // Prepare: the server writes until the sender hangs up
    let closedByReceiver: (value: boolean) => void = () => {};
    const hungUp = new Promise<boolean>((resolve) => {
      closedByReceiver = resolve;
    });
    const { port } = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(16_384);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
      };
      res.on('drain', pump);
      res.on('close', () => closedByReceiver(!res.writableFinished));
      pump();
    });
    const sender = new NodeWebhookSender({ allowLoopback: true });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 200, body: 'x'.repeat(1024) });
    expect(await hungUp).toBe(true);
  });

  it('tries each checked address of a name: localhost as ::1 and 127.0.0.1, the server on the second', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.end('ok'));
    const dns = stubResolver({ localhost: ['::1', '127.0.0.1'] });
    const sender = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const outcome = await sender.send(delivery(`http://localhost:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 200, body: 'ok' });
    expect(seen.requests).toHaveLength(1);
  });

  it('does not follow a redirect: a 3xx is the answer', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const sender = new NodeWebhookSender({ allowLoopback: true });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 302 });
    expect(seen.requests).toHaveLength(1);
  });
});

describe('failures', () => {
  it('times out on a server that never answers', async () => {
    // Prepare
    const { port, seen } = await localServer(() => {});
    const sender = new NodeWebhookSender({ allowLoopback: true, timeoutMs: 500 });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(seen.requests).toHaveLength(1);
  });

  it('times out on a server that sends its headers and then nothing', async () => {
    // Prepare
    const { port } = await localServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const sender = new NodeWebhookSender({ allowLoopback: true, timeoutMs: 500 });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'timeout' });
  });

  it('reports a refused connection as connect', async () => {
    // Prepare: a port that was just listened on and closed again
    const { port } = await localServer(() => {});
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const sender = new NodeWebhookSender({ allowLoopback: true });

    const both = new NodeWebhookSender({
      allowLoopback: true,
      resolve: stubResolver({ localhost: ['::1', '127.0.0.1'] }).resolve,
    });

    // Act
    const outcome = await sender.send(delivery(`http://127.0.0.1:${port}/`));
    const everyAddress = await both.send(delivery(`http://localhost:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'connect' });
    expect(outcome.kind === 'failed' && outcome.detail).toContain('ECONNREFUSED 127.0.0.1');
    expect(everyAddress).toMatchObject({ kind: 'failed', reason: 'connect' });
    expect(everyAddress.kind === 'failed' && everyAddress.detail).toContain('127.0.0.1');
  });
});

describe('refusals, before any connection', () => {
  it('refuses http://127.0.0.1 and https://127.0.0.1 unless loopback is allowed', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.end('ok'));
    const sender = new NodeWebhookSender({ allowLoopback: false });

    // Act
    const plain = await sender.send(delivery(`http://127.0.0.1:${port}/`));
    const secure = await sender.send(delivery(`https://127.0.0.1:${port}/`));
    const mapped = await sender.send(delivery(`https://[::ffff:127.0.0.1]:${port}/`));

    // Assess
    expect(plain).toMatchObject({ kind: 'failed', reason: 'url-invalid' });
    expect(secure).toMatchObject({ kind: 'failed', reason: 'address-refused' });
    expect(mapped).toMatchObject({ kind: 'failed', reason: 'address-refused' });
    expect(seen.connections).toBe(0);
  });

  it('refuses http:// to a host that is not loopback, whatever it resolves to', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.end('ok'));
    const dns = stubResolver({ 'hooks.example.test': ['127.0.0.1'] });
    const sender = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const outcome = await sender.send(delivery(`http://hooks.example.test:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'url-invalid' });
    expect(dns.asked).toEqual([]);
    expect(seen.connections).toBe(0);
  });

  it('refuses a name that resolves to loopback (DNS rebinding) without connecting', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.end('ok'));
    const dns = stubResolver({
      'rebind.example.test': ['127.0.0.1'],
      'mixed.example.test': ['93.184.215.14', '127.0.0.1'],
    });
    const sender = new NodeWebhookSender({ allowLoopback: false, resolve: dns.resolve });

    // Act
    const rebound = await sender.send(delivery(`https://rebind.example.test:${port}/`));
    const mixed = await sender.send(delivery(`https://mixed.example.test:${port}/`));

    // Assess
    expect(rebound).toMatchObject({ kind: 'failed', reason: 'address-refused' });
    expect(mixed).toMatchObject({ kind: 'failed', reason: 'address-refused' });
    expect(seen.connections).toBe(0);
  });

  it('refuses private and metadata addresses even where loopback is allowed', async () => {
    // Prepare
    const dns = stubResolver({ 'meta.example.test': ['169.254.169.254'], 'lan.example.test': ['192.168.0.1'] });
    const sender = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const outcomes = await Promise.all(
      ['https://meta.example.test/', 'https://lan.example.test/', 'https://100.100.100.200/'].map((url) =>
        sender.send(delivery(url)),
      ),
    );

    // Assess
    expect(outcomes.map((o) => o.kind === 'failed' && o.reason)).toEqual([
      'address-refused',
      'address-refused',
      'address-refused',
    ]);
  });
});

describe('TLS to the checked address', () => {
  const tls = selfSignedCertificate({ dnsNames: ['hooks.example.test'], ipAddresses: ['127.0.0.1'] });

  it('connects to the address it checked, with the URL host as SNI, Host header and certificate name', async () => {
    // Prepare: the name resolves once to the server; a second lookup would answer a private address
    const { port, seen } = await localServer((_req, res) => res.end('received'), tls);
    let lookups = 0;
    const sender = new NodeWebhookSender({
      allowLoopback: true,
      ca: [tls.cert],
      resolve: async () => {
        lookups += 1;
        return [{ address: lookups === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
      },
    });

    // Act
    const outcome = await sender.send(delivery(`https://hooks.example.test:${port}/hook`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'answered', status: 200, body: 'received' });
    expect(lookups).toBe(1);
    expect(seen.requests[0]?.headers.host).toBe(`hooks.example.test:${port}`);
    expect(seen.requests[0]?.servername).toBe('hooks.example.test');
  });

  it('checks the certificate: an untrusted one, or one for another name, is a tls failure', async () => {
    // Prepare
    const { port, seen } = await localServer((_req, res) => res.end('received'), tls);
    const dns = stubResolver({ 'hooks.example.test': ['127.0.0.1'], 'other.example.test': ['127.0.0.1'] });
    const trusting = new NodeWebhookSender({ allowLoopback: true, ca: [tls.cert], resolve: dns.resolve });
    const defaultRoots = new NodeWebhookSender({ allowLoopback: true, resolve: dns.resolve });

    // Act
    const untrusted = await defaultRoots.send(delivery(`https://hooks.example.test:${port}/`));
    const wrongName = await trusting.send(delivery(`https://other.example.test:${port}/`));

    // Assess
    expect(untrusted).toMatchObject({ kind: 'failed', reason: 'tls' });
    expect(wrongName).toMatchObject({ kind: 'failed', reason: 'tls' });
    expect(wrongName.kind === 'failed' && wrongName.detail).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(seen.requests).toEqual([]);
  });

  it('reports a server that does not speak TLS as a tls failure', async () => {
    // Prepare
    const { port } = await localServer((_req, res) => res.end('plain'));
    const sender = new NodeWebhookSender({ allowLoopback: true, ca: [tls.cert] });

    // Act
    const outcome = await sender.send(delivery(`https://127.0.0.1:${port}/`));

    // Assess
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'tls' });
  });
});
