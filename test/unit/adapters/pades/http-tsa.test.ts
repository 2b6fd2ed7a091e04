import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../../lambdas/adapters/pades/asn1';
import { HttpTimestampAuthority } from '../../../../lambdas/adapters/pades/http-tsa';
import { verifyTimestampToken } from '../../../../lambdas/adapters/pades/tsp';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { makePki } from '../../../support/pades-pki';

type Handler = (body: Uint8Array, request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A tiny HTTP server on 127.0.0.1, an ephemeral port; its URL. */
async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void handler(new Uint8Array(Buffer.concat(chunks)), request, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;
}

const digest = sha256(new TextEncoder().encode('signature value'));

async function failureOf(attempt: Promise<unknown>): Promise<{ code?: string } | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    return isPermitError(error) ? { code: error.code } : { code: `not a PermitError: ${String(error)}` };
  }
}

describe('HttpTimestampAuthority', () => {
  it('posts a timestamp query and returns the token of the reply, which verifies', async () => {
    // Prepare
    const pki = makePki();
    const seen: { method?: string; type?: string } = {};
    const url = await serve(async (body, request, response) => {
      seen.method = request.method;
      seen.type = request.headers['content-type'];
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      response.end(await pki.tsa.respond(body));
    });
    // Act
    const token = await new HttpTimestampAuthority({ url }).timestamp(digest);
    // Assess
    expect(seen).toEqual({ method: 'POST', type: 'application/timestamp-query' });
    expect(verifyTimestampToken(token, digest, [pki.ca.certificate])).toMatchObject({
      ok: true,
      tsa: 'Permit 时间戳服务',
    });
  });

  it('says TSA_UNAVAILABLE when the TSA refuses the request', async () => {
    const pki = makePki();
    const url = await serve(async (_body, _request, response) => {
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      response.end(await pki.tsa.respond(new Uint8Array([0xde, 0xad]))); // a genuine rejection
    });
    expect(await failureOf(new HttpTimestampAuthority({ url }).timestamp(digest))).toEqual({ code: 'TSA_UNAVAILABLE' });
  });

  it('says TSA_UNAVAILABLE for an HTTP error and for a reply of the wrong type', async () => {
    const errorUrl = await serve((_body, _request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('bad gateway');
    });
    const htmlUrl = await serve((_body, _request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy login</html>');
    });
    expect(await failureOf(new HttpTimestampAuthority({ url: errorUrl }).timestamp(digest))).toEqual({
      code: 'TSA_UNAVAILABLE',
    });
    expect(await failureOf(new HttpTimestampAuthority({ url: htmlUrl }).timestamp(digest))).toEqual({
      code: 'TSA_UNAVAILABLE',
    });
  });

  it('says TSA_UNAVAILABLE when nothing listens on the port', async () => {
    // Prepare: take a free port, then close it.
    const url = await serve(() => undefined);
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    // Act + Assess
    expect(await failureOf(new HttpTimestampAuthority({ url }).timestamp(digest))).toEqual({ code: 'TSA_UNAVAILABLE' });
  });

  it('says TSA_UNAVAILABLE when the TSA never answers within the timeout', async () => {
    const url = await serve(() => undefined); // accepts the request and never replies
    const tsa = new HttpTimestampAuthority({ url, timeoutMs: 50 });
    expect(await failureOf(tsa.timestamp(digest))).toEqual({ code: 'TSA_UNAVAILABLE' });
  });
});
