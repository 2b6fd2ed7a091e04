/**
 * Builders for certificate tests: valid enterprises (with real USCC check characters) and issue requests.
 *
 * @example
 * const body = issueBody({ seed: 7 });
 * await runtime.request('/v1/certificates', { as: 'officer', method: 'POST', ...jsonBody(body, 'key-0001') });
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CertificateView } from '../../lambdas/contracts/certificates';
import { usccWithCheck } from '../../lambdas/domain/uscc';

/** A valid USCC for a small integer seed (distinct seeds → distinct codes). */
export const usccFor = (seed: number): string => usccWithCheck(`914201007${String(seed).padStart(8, '0')}`);

export function issueBody(options: { seed?: number; products?: string[]; name?: string; uscc?: string } = {}) {
  const seed = options.seed ?? 1;
  return {
    enterprise: {
      name: options.name ?? `湖北长江线缆第${seed}有限公司`,
      uscc: options.uscc ?? usccFor(seed),
      domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
      productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
    },
    products: options.products ?? ['06-001'],
  };
}

export function jsonRequest(body: unknown, idempotencyKey: string = randomUUID()): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  };
}

/** The certificate JSON the API answers with. */
export type CertificateJson = z.input<typeof CertificateView>;

/** Read a JSON body as the given type (tests assert its shape themselves). */
export const readJson = async <T = CertificateJson>(res: Response): Promise<T> => (await res.json()) as T;
