/**
 * {@link TimestampAuthority} over HTTP (RFC 3161 §3.4): POST a TimeStampReq as `application/timestamp-query`, read a
 * TimeStampResp as `application/timestamp-reply`, with a timeout. Any failure is `TSA_UNAVAILABLE`, so the caller can
 * fall back to a B-B signature and add the timestamp later.
 */
import { randomBytes } from 'node:crypto';
import { DependencyUnavailableError, isPermitError } from '../../domain/errors';
import type { TimestampAuthority } from '../../ports/timestamp-authority';
import { timestampRequest, tokenFromResponse } from './tsp';

/**
 * A TSA at `url` (global fetch), `timeoutMs` default 3000.
 *
 * @example
 * const tsa = new HttpTimestampAuthority({ url: 'https://tsa.example.gov.cn/tsr' });
 * const token = await tsa.timestamp(sha256(signatureValue));
 */
export class HttpTimestampAuthority implements TimestampAuthority {
  private readonly timeoutMs: number;

  constructor(private readonly opts: { readonly url: string; readonly timeoutMs?: number }) {
    this.timeoutMs = opts.timeoutMs ?? 3000;
  }

  async timestamp(digest: Uint8Array): Promise<Uint8Array> {
    const nonce = BigInt(`0x${randomBytes(8).toString('hex')}`);
    try {
      const response = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: timestampRequest(digest, nonce),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = new Uint8Array(await response.arrayBuffer());
      if (!response.ok) throw unavailable(`the TSA answered HTTP ${response.status}`);
      const type = response.headers.get('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/timestamp-reply')) {
        throw unavailable(`the TSA answered ${type || 'without a content type'}, not application/timestamp-reply`);
      }
      return tokenFromResponse(body, digest);
    } catch (error) {
      if (isPermitError(error)) throw error;
      throw unavailable('the TSA could not be reached in time', error);
    }
  }
}

const unavailable = (message: string, cause?: unknown) =>
  new DependencyUnavailableError('TSA_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
