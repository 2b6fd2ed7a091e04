/**
 * The cursor codec: AES-256-GCM over a position, bound to its query; key ids and a 24-hour overlap after rotation.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { PermitError } from '../../../../lambdas/domain/errors';
import { cursorKeyId, MAX_CURSOR_LENGTH, openCursor, sealCursor } from '../../../../lambdas/shared/cursors/codec';
import {
  CURSOR_KEY_OVERLAP_MS,
  generateCursorKeySet,
  rotateCursorKeySet,
} from '../../../../lambdas/shared/cursors/key-set';

const clock = new ManualClock('2026-11-27T10:00:00+08:00');
const keys = generateCursorKeySet(clock.now());
const position = Buffer.from(
  JSON.stringify({
    pk: 'CERT#42-XK06-001-00001',
    sk: '#HEAD',
    gsi3pk: 'CERTS',
    gsi3sk: '2026-11-27#42-XK06-001-00001',
  }),
).toString('base64url');
const binding = '{"caller":{"sub":"officer-1"},"filters":{},"params":{},"route":"GET /v1/certificates","v":1}';

/** The error a refused cursor throws: always the same, whatever failed. */
function refusal(open: () => unknown): { kind: string; code: string; message: string } | undefined {
  try {
    open();
    return undefined;
  } catch (error) {
    if (!(error instanceof PermitError)) throw error;
    return { kind: error.kind, code: error.code, message: error.message };
  }
}
const REFUSED = {
  kind: 'invalid',
  code: 'INVALID_CURSOR',
  message: 'cursor is not one this API issued for this query',
};

describe('seal and open', () => {
  test('a sealed position opens with its binding, and is opaque, URL-safe and well under the contract limit', () => {
    // Act
    const cursor = sealCursor(position, binding, keys);
    // Assess
    expect(openCursor(cursor, binding, keys, clock.now())).toBe(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(MAX_CURSOR_LENGTH / 4);
    expect(Buffer.from(cursor, 'base64url').includes(Buffer.from(position))).toBe(false);
    expect(Buffer.from(cursor, 'base64url').includes(Buffer.from('CERT#'))).toBe(false);
    expect(Buffer.from(cursor, 'base64url')[0]).toBe(1); // version byte
    expect(cursorKeyId(cursor)).toBe(keys.current.id);
  });

  test('the same position sealed twice gives two different cursors (fresh salt), both valid', () => {
    const a = sealCursor(position, binding, keys);
    const b = sealCursor(position, binding, keys);
    expect(a).not.toBe(b);
    expect(openCursor(b, binding, keys, clock.now())).toBe(position);
  });

  test('changing any single character of a cursor is refused', () => {
    // Prepare
    const cursor = sealCursor(position, binding, keys);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Act: every position, three replacement characters each
    const accepted: string[] = [];
    for (let i = 0; i < cursor.length; i++) {
      for (const shift of [1, 17, 63]) {
        const c = alphabet[(alphabet.indexOf(cursor[i] as string) + shift) % 64] as string;
        const edited = `${cursor.slice(0, i)}${c}${cursor.slice(i + 1)}`;
        if (refusal(() => openCursor(edited, binding, keys, clock.now()))?.code !== 'INVALID_CURSOR') {
          accepted.push(`${i}:${c}`);
        }
      }
    }
    // Assess
    expect(accepted).toEqual([]);
  });

  test('flipping any bit of the decoded bytes is refused with the same error', () => {
    const bytes = Buffer.from(sealCursor(position, binding, keys), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const edited = Buffer.from(bytes);
        edited[i] = (edited[i] as number) ^ (1 << bit);
        expect(refusal(() => openCursor(edited.toString('base64url'), binding, keys, clock.now()))).toEqual(REFUSED);
      }
    }
  });

  test.each([
    ['cut short', (c: string) => c.slice(0, -1)],
    ['cut to the header', (c: string) => c.slice(0, 28)],
    ['lengthened', (c: string) => `${c}AA`],
    ['padded', (c: string) => `${c}=`],
    ['with a space', (c: string) => ` ${c}`],
    ['empty-looking', () => 'A'],
    ['longer than the contracts allow', () => 'A'.repeat(MAX_CURSOR_LENGTH + 4)],
    ['a raw position', () => position],
  ])('%s: refused', (_, edit) => {
    const cursor = sealCursor(position, binding, keys);
    expect(refusal(() => openCursor(edit(cursor), binding, keys, clock.now()))).toEqual(REFUSED);
  });

  test('another version byte is refused', () => {
    const bytes = Buffer.from(sealCursor(position, binding, keys), 'base64url');
    bytes[0] = 2;
    expect(refusal(() => openCursor(bytes.toString('base64url'), binding, keys, clock.now()))).toEqual(REFUSED);
    expect(cursorKeyId(bytes.toString('base64url'))).toBeUndefined();
  });
});

describe('binding', () => {
  const cursor = sealCursor(position, binding, keys);

  test.each([
    ['another route', binding.replace('GET /v1/certificates', 'GET /v1/me/certificates')],
    ['another filter', binding.replace('"filters":{}', '"filters":{"status":"valid"}')],
    ['another caller', binding.replace('officer-1', 'officer-2')],
    ['no caller', binding.replace('{"sub":"officer-1"}', 'null')],
    ['one character more', `${binding} `],
    ['nothing', ''],
  ])('%s: refused', (_, other) => {
    expect(refusal(() => openCursor(cursor, other, keys, clock.now()))).toEqual(REFUSED);
  });

  test('a key set without the sealing key refuses it (another deployment, another data directory)', () => {
    expect(refusal(() => openCursor(cursor, binding, generateCursorKeySet(clock.now()), clock.now()))).toEqual(REFUSED);
  });
});

describe('rotation', () => {
  test('a cursor sealed before a rotation opens for 24 hours after it, then is refused', () => {
    // Prepare
    const rotationClock = new ManualClock('2026-11-27T10:00:00+08:00');
    const before = generateCursorKeySet(rotationClock.now());
    const old = sealCursor(position, binding, before);
    rotationClock.advance({ hours: 2 });
    const after = rotateCursorKeySet(before, rotationClock.now());
    const fresh = sealCursor(position, binding, after);
    // Act / Assess
    expect(after.current.id).not.toBe(before.current.id);
    expect(cursorKeyId(fresh)).toBe(after.current.id);
    rotationClock.advance({ hours: 23, minutes: 59 });
    expect(openCursor(old, binding, after, rotationClock.now())).toBe(position);
    rotationClock.advance({ minutes: 2 }); // +24 h 01 min
    expect(refusal(() => openCursor(old, binding, after, rotationClock.now()))).toEqual(REFUSED);
    expect(openCursor(fresh, binding, after, rotationClock.now())).toBe(position);
  });

  test('a second rotation within the day keeps both earlier keys until their own retirement times', () => {
    const start = new ManualClock('2026-11-27T00:00:00Z');
    const k1 = generateCursorKeySet(start.now());
    const c1 = sealCursor(position, binding, k1);
    start.advance({ hours: 1 });
    const k2 = rotateCursorKeySet(k1, start.now());
    const c2 = sealCursor(position, binding, k2);
    start.advance({ hours: 1 });
    const k3 = rotateCursorKeySet(k2, start.now());
    expect(k3.previous.map((k) => k.id)).toEqual([k2.current.id, k1.current.id]);
    start.set(new Date(Date.parse('2026-11-27T01:00:00Z') + CURSOR_KEY_OVERLAP_MS - 1));
    expect(openCursor(c1, binding, k3, start.now())).toBe(position);
    start.advance({ ms: 2 });
    expect(refusal(() => openCursor(c1, binding, k3, start.now()))).toEqual(REFUSED);
    expect(openCursor(c2, binding, k3, start.now())).toBe(position);
  });

  test('a rotation drops previous keys already retired', () => {
    const start = new ManualClock('2026-11-27T00:00:00Z');
    const k2 = rotateCursorKeySet(generateCursorKeySet(start.now()), start.now());
    start.advance({ days: 2 });
    const k3 = rotateCursorKeySet(k2, start.now());
    expect(k3.previous.map((k) => k.id)).toEqual([k2.current.id]);
  });
});

test('a position too long for a cursor is a bug, not a 400 (the repositories emit a few hundred bytes)', () => {
  expect(() => sealCursor('x'.repeat(MAX_CURSOR_LENGTH), binding, keys)).toThrow(/sealed cursor would be/);
  expect(() => sealCursor('x'.repeat(1400), binding, keys)).not.toThrow();
});
