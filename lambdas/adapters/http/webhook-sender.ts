/**
 * {@link WebhookSender} over `node:https` (and `node:http` to loopback, locally), safe against SSRF:
 *
 * 1. the URL passes `checkWebhookUrl` (https only, no credentials, no refused literal or metadata name);
 * 2. the host is resolved once, and every address it resolves to must pass `webhookAddressRefusal` — one refused
 *    address refuses the delivery;
 * 3. the connection goes to the very addresses that were checked: the request's `lookup` answers those and no
 *    other, so a second DNS answer (rebinding) never reaches the socket, while the Host header, TLS SNI and the
 *    certificate check still use the URL's host name;
 * 4. one deadline covers the lookup, connect, TLS and the response; at most `maxResponseBytes` of the body are read,
 *    then the socket is destroyed; redirects are not followed (a 3xx is an answer like any other).
 *
 * @example
 * const sender = new NodeWebhookSender({ allowLoopback: false });
 * const outcome = await sender.send({ url: 'https://hooks.example.com/permit', headers: signed, body });
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingMessage,
  validateHeaderName,
  validateHeaderValue,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkWebhookUrl, type WebhookTarget, webhookAddressRefusal } from '../../domain/webhooks/webhook-address';
import type { WebhookFailure, WebhookOutcome, WebhookRequest, WebhookSender } from '../../ports/webhook-sender';

/**
 * One resolved address, as `dns.promises.lookup(host, { all: true })` gives it.
 *
 * @example
 * const resolve = async (_host: string): Promise<ResolvedAddress[]> => [{ address: '127.0.0.1', family: 4 }];
 */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/**
 * Settings of {@link NodeWebhookSender}.
 *
 * @example
 * const options: NodeWebhookSenderOptions = { allowLoopback: config().stage === 'local', timeoutMs: 5000 };
 */
export interface NodeWebhookSenderOptions {
  /** Lets loopback addresses (and `http:` to them) through: the local runtime's setting, never a cloud stage's. */
  readonly allowLoopback: boolean;
  /** One deadline for lookup, connect, TLS and the response. Default 5000. */
  readonly timeoutMs?: number;
  /** How much of the answer's body is read and kept. Default 1024. */
  readonly maxResponseBytes?: number;
  /** Host name → addresses. Default `dns.promises.lookup(host, { all: true, verbatim: true })`. */
  readonly resolve?: (host: string) => Promise<readonly ResolvedAddress[]>;
  /** Trusted CA certificates (PEM) in place of Node's bundled roots — for tests with a self-signed certificate. */
  readonly ca?: readonly string[];
}

/** Headers the sender sets itself; a caller's header of the same name is dropped. */
const OWN_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'user-agent',
  'transfer-encoding',
  'connection',
]);

const resolveWithDns = (host: string) => lookup(host, { all: true, verbatim: true });

/** One attempt's ends: settle it once, build a failure, read the time spent. */
interface Attempt {
  finish(outcome: WebhookOutcome): void;
  failed(reason: WebhookFailure, detail: string): WebhookOutcome;
  durationMs(): number;
}

/**
 * The headers on the wire: the caller's (names lower-cased, minus {@link OWN_HEADERS}), then the sender's own.
 * Throws a TypeError for a header HTTP cannot carry (a newline in a value): the caller's bug, not network trouble.
 */
function outgoingHeaders(request: WebhookRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers['content-type'] = 'application/json';
  headers['user-agent'] = 'Permit-Webhooks/1';
  headers['content-length'] = String(Buffer.byteLength(request.body));
  return headers;
}

/**
 * `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443`, at most 200 characters. Trying several addresses fails with
 * an AggregateError whose own message is empty: its parts' messages stand in.
 */
function describe(error: unknown): string {
  const { code, message, errors } = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const text = message || (errors ?? []).map((part) => part.message).join('; ') || String(error);
  return (code ? `${code}: ${text}` : text).slice(0, 200);
}

/** TLS trouble by its error code: OpenSSL's certificate codes, Node's `ERR_TLS_*` / `ERR_SSL_*`, `EPROTO`. */
const isTlsError = (error: unknown) => /CERT|SSL|TLS|HOSTNAME|^EPROTO$/.test((error as { code?: string }).code ?? '');

/**
 * The SSRF-safe {@link WebhookSender} (see the top of this file). Never throws for network trouble; rejects only for a
 * header HTTP cannot carry (a TypeError: the caller's bug).
 *
 * @example
 * const sender = new NodeWebhookSender({ allowLoopback: stage === 'local' });
 * const outcome = await sender.send({ url: 'https://hooks.example.com/permit', headers: signed, body });
 * // { kind: 'answered', status: 204, body: '', durationMs: 87 } or { kind: 'failed', reason: 'timeout', … }
 */
export class NodeWebhookSender implements WebhookSender {
  readonly #allowLoopback: boolean;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #resolve: (host: string) => Promise<readonly ResolvedAddress[]>;
  readonly #ca: readonly string[] | undefined;

  constructor(options: NodeWebhookSenderOptions) {
    this.#allowLoopback = options.allowLoopback;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 1024;
    this.#resolve = options.resolve ?? resolveWithDns;
    this.#ca = options.ca;
  }

  async send(request: WebhookRequest): Promise<WebhookOutcome> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    const failed = (reason: WebhookFailure, detail: string): WebhookOutcome => ({
      kind: 'failed',
      reason,
      detail,
      durationMs: durationMs(),
    });
    const checked = checkWebhookUrl(request.url, { allowLoopback: this.#allowLoopback });
    if (!checked.ok) return failed(checked.reason, checked.detail);
    const { target } = checked;
    const headers = outgoingHeaders(request);

    return new Promise<WebhookOutcome>((settle, reject) => {
      let done = false;
      let outgoing: ClientRequest | undefined;
      const finish = (outcome: WebhookOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        outgoing?.destroy();
        settle(outcome);
      };
      const deadline = setTimeout(
        () => finish(failed('timeout', `no complete answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      this.#checkedAddresses(target).then(
        (addresses) => {
          if (done) return;
          if ('refused' in addresses) return finish(failed('address-refused', addresses.refused));
          try {
            outgoing = this.#post(target, addresses, headers, request.body, { finish, failed, durationMs });
          } catch (error) {
            // Not network trouble (that arrives as an 'error' event): a request Node would not build.
            done = true;
            clearTimeout(deadline);
            reject(error);
          }
        },
        (error: unknown) => finish(failed('dns', `${target.host} did not resolve (${describe(error)})`)),
      );
    });
  }

  /** The host's addresses once every one of them passed (at least one); or why not. */
  async #checkedAddresses(target: WebhookTarget): Promise<readonly ResolvedAddress[] | { refused: string }> {
    const addresses = target.literal
      ? [{ address: target.host, family: target.host.includes(':') ? 6 : 4 }]
      : await this.#resolve(target.host);
    if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENODATA' });
    for (const { address } of addresses) {
      const refusal = webhookAddressRefusal(address, { allowLoopback: this.#allowLoopback });
      if (refusal) return { refused: `${target.host} resolves to ${address}, a ${refusal} address` };
      // http: is allowed to loopback only, so `localhost` must not lead anywhere else.
      if (target.url.protocol === 'http:' && webhookAddressRefusal(address, { allowLoopback: false }) !== 'loopback') {
        return { refused: `${target.host} resolves to ${address}, not loopback (http is for loopback only)` };
      }
    }
    return addresses;
  }

  #post(
    target: WebhookTarget,
    addresses: readonly ResolvedAddress[],
    headers: Record<string, string>,
    body: string,
    attempt: Attempt,
  ): ClientRequest {
    const { url } = target;
    const https = url.protocol === 'https:';
    // Phases of the socket, to tell a failed handshake from a failed connection.
    let connected = false;
    let secured = false;
    const outgoing = (https ? httpsRequest : httpRequest)({
      protocol: url.protocol,
      host: target.host,
      port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers,
      agent: false,
      // The checked addresses and no other (no second lookup, so no rebinding). Node asks for `all` when it races
      // address families (`localhost` → ::1 and 127.0.0.1, a server on one of them), else for one address.
      lookup: (_host, options, callback) => {
        const [first] = addresses;
        if ((options as { all?: boolean }).all) {
          (callback as (error: null, all: LookupAddress[]) => void)(
            null,
            addresses.map((a) => ({ address: a.address, family: a.family })),
          );
        } else if (first) {
          callback(null, first.address, first.family);
        }
      },
      ...(https ? { rejectUnauthorized: true, ...(this.#ca ? { ca: [...this.#ca] } : {}) } : {}),
    });
    outgoing.on('socket', (socket) => {
      socket.once('connect', () => {
        connected = true;
      });
      socket.once('secureConnect', () => {
        secured = true;
      });
    });
    outgoing.on('error', (error) => {
      const tls = isTlsError(error) || (https && connected && !secured);
      attempt.finish(attempt.failed(tls ? 'tls' : 'connect', describe(error)));
    });
    outgoing.on('response', (response) => this.#read(response, attempt));
    outgoing.end(body);
    return outgoing;
  }

  /** At most `maxResponseBytes` of the body, decoded as UTF-8 (a cut body up to its last whole character). */
  #read(response: IncomingMessage, attempt: Attempt): void {
    const status = response.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let size = 0;
    const answer = () => {
      const bytes = Buffer.concat(chunks).subarray(0, this.#maxResponseBytes);
      // On a cut body, `stream: true` holds back a character cut in half by the limit instead of turning it into
      // U+FFFD; a whole body is decoded to its end (invalid bytes replaced).
      const body = new TextDecoder('utf-8').decode(bytes, { stream: size >= this.#maxResponseBytes });
      attempt.finish({ kind: 'answered', status, body, durationMs: attempt.durationMs() });
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= this.#maxResponseBytes) answer();
    });
    response.on('end', answer);
    // A connection dropped mid-body still gave an answer: the status and what came before the drop.
    response.on('error', answer);
    response.on('close', answer);
  }
}
