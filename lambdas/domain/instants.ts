import { isLocalDate } from './dates';
import { ValidationError } from './errors';

const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant written in ISO 8601 **with** its offset (`Z` or `±hh:mm`), so it means the same moment on every host;
 * years 1900–9999. Throws `ValidationError` `INSTANT_INVALID` naming the field otherwise.
 *
 * @example
 * parseInstant('2026-02-10T09:00:00+08:00', 'PERMIT_CLOCK').toISOString(); // '2026-02-10T01:00:00.000Z'
 */
export function parseInstant(value: string, field = 'instant'): Date {
  const text = value.trim();
  const instant = new Date(text);
  const year = instant.getUTCFullYear();
  const valid = INSTANT_SHAPE.test(text) && isLocalDate(text.slice(0, 10)) && !Number.isNaN(instant.getTime());
  if (!valid || year < 1900 || year > 9999) {
    throw new ValidationError(
      'INSTANT_INVALID',
      `${field} must be an ISO 8601 instant with its offset, e.g. 2026-02-10T09:00:00+08:00`,
      [{ field, message: `"${value}" is not an instant with an offset` }],
    );
  }
  return instant;
}

/**
 * An instant in Asia/Shanghai time (UTC+8, no daylight saving since 1991), to the second — how Permit shows a clock.
 *
 * @example
 * shanghaiInstant(new Date('2026-02-10T01:00:00Z')); // '2026-02-10T09:00:00+08:00'
 */
export function shanghaiInstant(instant: Date): string {
  return `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
