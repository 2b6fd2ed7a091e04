/**
 * The fingerprint of a request, for idempotency: canonical JSON (sorted keys, `undefined` members dropped) hashed
 * with SHA-256, so the same request always gives the same hash whatever the key order it arrived in. A value with a
 * `toJSON` (a `LicenceNumber`: its printed form) counts as what `JSON.stringify` makes of it, so a request carrying
 * value objects hashes as the same request carrying their text.
 *
 * @example
 * requestHash({ kind: 'new', products: ['06-001'] }) === requestHash({ products: ['06-001'], kind: 'new' }); // true
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
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
