/**
 * Random identifiers: characters from an alphabet of 32 that leaves out the look-alikes (I, O, 0, 1), so an id read
 * aloud or copied by hand survives; 32 divides 256, so every character is equally likely.
 *
 * @example
 * datedId('APP', new Date()); // 'APP-20261127-K3M9Q2ZT7A'
 * randomCode(8); // 'K3M9Q2ZT'
 */
import { randomBytes } from 'node:crypto';
import { localDateOf } from '../domain/dates';

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * `length` random characters of the alphabet.
 *
 * @example
 * randomCode(8); // 'K3M9Q2ZT'
 */
export const randomCode = (length: number): string =>
  [...randomBytes(length)].map((b) => BASE32[b % BASE32.length]).join('');

/**
 * `{prefix}-{yyyymmdd}-{10 random characters}`, the date in Asia/Shanghai.
 *
 * @example
 * datedId('PLAN', new Date('2026-12-05T02:00:00Z')); // 'PLAN-20261205-…'
 */
export const datedId = (prefix: string, at: Date): string =>
  `${prefix}-${localDateOf(at).replaceAll('-', '')}-${randomCode(10)}`;
