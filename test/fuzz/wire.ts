/**
 * Putting a generated request on the wire exactly as generated — node:http with raw header pairs (no URL
 * normalisation, repeats kept, header values as their UTF-8 bytes), a keep-alive pool bounded for the run — and
 * printing it as a curl command for a person to replay against `npm start`.
 *
 * @example
 * useAgent(8);
 * const res = await sendRequest(runtime.baseUrl, request, corpus);
 * console.log(curlOf(request, corpus));
 */
import { Agent, request as httpRequest } from 'node:http';
import { signedHeaders } from '../../lambdas/contracts/carrier-protocol';
import type { Caller, Corpus } from './corpus';
import type { FuzzRequest } from './requests';

export interface FuzzResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

let agent: Agent | undefined;

/** Keep-alive connections for the run, at most `sockets` at a time. */
export function useAgent(sockets: number): void {
  agent?.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: sockets });
}

export function closeAgent(): void {
  agent?.destroy();
  agent = undefined;
}

/** Header value bytes as Node sends them (latin1 string of the UTF-8 bytes). */
const wireHeader = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');

/** Headers the carrier signing adds, for a body, now. */
export function signingHeaders(request: FuzzRequest, corpus: Corpus, now = new Date()): [string, string][] {
  if (!request.signing) return [];
  const body = request.body?.toString('utf8') ?? '';
  const at = request.signing === 'stale' ? new Date(now.getTime() - 6 * 60_000) : now;
  const secret = request.signing === 'wrong-secret' ? `${corpus.carrier.secret}x` : corpus.carrier.secret;
  return Object.entries(signedHeaders(corpus.carrier.appKey, secret, body, at));
}

/**
 * Send one request as generated and read the whole answer.
 *
 * @example
 * const res = await sendRequest('http://127.0.0.1:3000', request, corpus);
 */
export function sendRequest(baseUrl: string, request: FuzzRequest, corpus: Corpus): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  // Raw header pairs keep repeats and byte values as generated, but Node then adds no defaults: Host is ours to send.
  const headers: [string, string][] = [
    ['host', url.host],
    ['connection', 'keep-alive'],
    ...request.headers.map(([k, v]) => [k, wireHeader(v)] as [string, string]),
    ...signingHeaders(request, corpus),
  ];
  if (request.body !== undefined) headers.push(['content-length', String(request.body.length)]);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.target,
        headers: headers.flat(),
        agent,
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
            ),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

const shellQuote = (value: string): string => {
  if (/^[\x20-\x7e]*$/.test(value) && !value.includes("'")) return `'${value}'`;
  const bytes = Buffer.from(value, 'utf8');
  let out = "$'";
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += b >= 0x20 && b < 0x7f && ch !== "'" && ch !== '\\' ? ch : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
};

const TOKEN_VARIABLE: Record<Exclude<Caller, 'anonymous' | 'other-enterprise'>, string> = {
  officer: 'PERMIT_OFFICER_TOKEN',
  reviewer: 'PERMIT_REVIEWER_TOKEN',
  admin: 'PERMIT_ADMIN_TOKEN',
  enterprise: 'PERMIT_ENTERPRISE_TOKEN',
};

/**
 * The request as a curl command against `npm start` (tokens from its banner; the second enterprise's from
 * `npm run token`; the carrier's signature computed with openssl).
 *
 * @example
 * console.log(curlOf(request, corpus, 'http://127.0.0.1:3000'));
 */
export function curlOf(request: FuzzRequest, corpus: Corpus, baseUrl = 'http://127.0.0.1:3000'): string {
  const lines: string[] = [];
  const bodyText = request.body?.toString('utf8');
  const printable =
    request.body !== undefined &&
    Buffer.from(bodyText ?? '', 'utf8').equals(request.body) &&
    request.body.length <= 4_096 &&
    !Array.from(bodyText ?? '').some((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
    });
  if (request.signing) {
    lines.push(
      `SECRET=${shellQuote(request.signing === 'wrong-secret' ? `${corpus.carrier.secret}x` : corpus.carrier.secret)}`,
    );
    lines.push(`TS=$(( $(date +%s) ${request.signing === 'stale' ? '- 360' : '+ 0'} ))`);
    lines.push(
      `SIG=$(printf '%s.' "$TS" | cat - ${request.body ? '<(printf %s BODY_B64 | base64 -d)' : '/dev/null'} | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`.replace(
        'BODY_B64',
        request.body?.toString('base64') ?? '',
      ),
    );
  }
  const parts = [`curl -sS -i -X ${request.method} ${shellQuote(`${baseUrl}${request.target}`)}`];
  for (const [name, value] of request.headers) {
    if (name === 'authorization' && request.caller !== 'anonymous' && request.caller !== 'carrier') {
      const variable =
        request.caller === 'other-enterprise'
          ? `$(npm run -s token -- --role enterprise --uscc ${corpus.usccOf['other-enterprise']})`
          : `$${TOKEN_VARIABLE[request.caller]}`;
      parts.push(`-H "authorization: Bearer ${variable}"`);
    } else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.signing) {
    parts.push(`-H 'x-app-key: ${corpus.carrier.appKey}'`, `-H "x-timestamp: $TS"`, `-H "x-signature: $SIG"`);
  }
  if (request.body !== undefined) {
    parts.push(
      printable
        ? `--data-binary ${shellQuote(bodyText ?? '')}`
        : `--data-binary @<(printf %s ${request.body.toString('base64')} | base64 -d)`,
    );
  }
  lines.push(parts.join(' \\\n  '));
  return lines.join('\n');
}
