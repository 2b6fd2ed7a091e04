/**
 * The fingerprint of a request, for idempotency: canonical JSON (sorted keys, `undefined` members dropped) hashed
 * with SHA-256, so the same request always gives the same hash whatever the key order it arrived in.
 *
 * @example
 * requestHash({ kind: 'new', products: ['06-001'] }) === requestHash({ products: ['06-001'], kind: 'new' }); // true
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
