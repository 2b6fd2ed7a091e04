/**
 * The console's sealed cookies (AES-256-GCM, the key set's key ids, HKDF per purpose) and the session's idle and
 * absolute timeouts, on an injected clock.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import {
  ABSOLUTE_TIMEOUT_MS,
  type ConsoleSession,
  IDLE_TIMEOUT_MS,
  liveSession,
  randomToken,
  SessionSealer,
} from '../../../../lambdas/shared/console/session';
import { FakeCursorKeySource } from '../../../support/fakes';

const signedInAt = (clock: ManualClock): ConsoleSession => ({
  sub: 'local-enterprise-1',
  name: '武汉示例机械制造有限公司',
  roles: ['enterprise'],
  uscc: '91420100MA4K0A0A1E',
  issuedAt: clock.now().getTime(),
  lastSeenAt: clock.now().getTime(),
  csrf: randomToken(),
});

/** Flip one bit of the base64url part `index` of a sealed text (0 version, 1 key id, 2 iv, 3 body, 4 tag). */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index] as string, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SessionSealer', () => {
  test('opens what it sealed, and the text shows nothing of the session', async () => {
    // Prepare
    const clock = new ManualClock();
    const sealer = new SessionSealer(new FakeCursorKeySource(clock));
    const session = signedInAt(clock);

    // Act
    const sealed = await sealer.seal('session', session, clock.now());

    // Assess
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('enterprise');
    expect(Buffer.from(sealed.split('.')[3] as string, 'base64url').toString('utf8')).not.toMatch(/91420100|csrf/);
    expect(await sealer.open('session', sealed, clock.now())).toEqual(session);
  });

  test('seals the same value differently each time (a fresh IV)', async () => {
    const clock = new ManualClock();
    const sealer = new SessionSealer(new FakeCursorKeySource(clock));
    const value = { a: 1 };
    expect(await sealer.seal('session', value, clock.now())).not.toBe(await sealer.seal('session', value, clock.now()));
  });

  test.each([
    ['the IV', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])('refuses a text with one bit of %s changed', async (_what, index) => {
    // Prepare
    const clock = new ManualClock();
    const sealer = new SessionSealer(new FakeCursorKeySource(clock));
    const sealed = await sealer.seal('session', signedInAt(clock), clock.now());

    // Act / Assess
    expect(await sealer.open('session', flipBit(sealed, index), clock.now())).toBeUndefined();
  });

  test.each([
    ['empty', ''],
    ['not sealed', 'hello'],
    ['another version', 'v2.00000000.a.b.c'],
    ['too few parts', 'v1.00000000.a.b'],
    ['a short IV and tag', 'v1.00000000.AAAA.AAAA.AAAA'],
  ])('refuses a malformed text (%s) without throwing', async (_what, text) => {
    const clock = new ManualClock();
    const sealer = new SessionSealer(new FakeCursorKeySource(clock));
    expect(await sealer.open('session', text, clock.now())).toBeUndefined();
  });

  test('refuses a text sealed with another key set (another deployment’s or a forger’s)', async () => {
    // Prepare
    const clock = new ManualClock();
    const ours = new SessionSealer(new FakeCursorKeySource(clock));
    const theirs = new SessionSealer(new FakeCursorKeySource(clock));
    const sealed = await theirs.seal('session', signedInAt(clock), clock.now());

    // Act / Assess: an unknown key id…
    expect(await ours.open('session', sealed, clock.now())).toBeUndefined();
    // …and a forged text naming our key id, sealed with another secret
    const ourId = (await ours.seal('session', {}, clock.now())).split('.')[1] as string;
    const parts = sealed.split('.');
    parts[1] = ourId;
    expect(await ours.open('session', parts.join('.'), clock.now())).toBeUndefined();
  });

  test('asks the key source to reload once for a key id it does not know', async () => {
    const clock = new ManualClock();
    const keys = new FakeCursorKeySource(clock);
    const sealer = new SessionSealer(keys);
    await sealer.open('session', 'v1.0badc0de.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA', clock.now());
    expect(keys.refreshes).toBe(1);
  });

  test('keeps a cookie sealed before a rotation open with the previous key until it retires', async () => {
    // Prepare
    const clock = new ManualClock();
    const keys = new FakeCursorKeySource(clock);
    const sealer = new SessionSealer(keys);
    const session = signedInAt(clock);
    const before = await sealer.seal('session', session, clock.now());

    // Act
    keys.rotate();
    const after = await sealer.seal('session', session, clock.now());

    // Assess: new cookies name the new key, old ones still open during the overlap (24 h), not after it
    expect(after.split('.')[1]).not.toBe(before.split('.')[1]);
    expect(await sealer.open('session', before, clock.now())).toEqual(session);
    expect(await sealer.open('session', after, clock.now())).toEqual(session);
    clock.advance({ hours: 24 });
    expect(await sealer.open('session', before, clock.now())).toBeUndefined();
    expect(await sealer.open('session', after, clock.now())).toEqual(session);
  });

  test('binds the purpose: a sign-in attempt’s cookie does not open as a session, nor the reverse', async () => {
    const clock = new ManualClock();
    const sealer = new SessionSealer(new FakeCursorKeySource(clock));
    const attempt = await sealer.seal('sign-in', signedInAt(clock), clock.now());
    const session = await sealer.seal('session', signedInAt(clock), clock.now());
    expect(await sealer.open('session', attempt, clock.now())).toBeUndefined();
    expect(await sealer.open('sign-in', session, clock.now())).toBeUndefined();
  });
});

describe('liveSession', () => {
  test('lives until just before 30 idle minutes, and ends at 30', () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const session = signedInAt(clock);

    // Act / Assess
    clock.advance({ ms: IDLE_TIMEOUT_MS - 1 });
    expect(liveSession(session, clock.now())).toEqual(session);
    clock.advance({ ms: 1 });
    expect(IDLE_TIMEOUT_MS).toBe(30 * 60 * 1000);
    expect(liveSession(session, clock.now())).toBeUndefined();
  });

  test('a session used every 20 minutes still ends 12 hours after sign-in', () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T08:00:00+08:00');
    let session = signedInAt(clock);

    // Act: renewed by use (as consoleRoute does) until just before 12 h
    while (clock.now().getTime() + 20 * 60 * 1000 < session.issuedAt + ABSOLUTE_TIMEOUT_MS) {
      clock.advance({ minutes: 20 });
      expect(liveSession(session, clock.now())).toBeDefined();
      session = { ...session, lastSeenAt: clock.now().getTime() };
    }
    clock.set(new Date(session.issuedAt + ABSOLUTE_TIMEOUT_MS - 1));
    expect(liveSession(session, clock.now())).toBeDefined();
    clock.advance({ ms: 1 });

    // Assess
    expect(ABSOLUTE_TIMEOUT_MS).toBe(12 * 60 * 60 * 1000);
    expect(liveSession(session, clock.now())).toBeUndefined();
  });

  test.each([
    ['nothing', undefined],
    ['a string', 'session'],
    ['no CSRF token', { sub: 's', name: 'n', roles: ['officer'], issuedAt: 0, lastSeenAt: 0 }],
    ['an unknown role', { sub: 's', name: 'n', roles: ['root'], issuedAt: 0, lastSeenAt: 0, csrf: 'c' }],
    ['a numeric USCC', { sub: 's', name: 'n', roles: ['enterprise'], uscc: 1, issuedAt: 0, lastSeenAt: 0, csrf: 'c' }],
    ['a text time', { sub: 's', name: 'n', roles: ['officer'], issuedAt: '0', lastSeenAt: 0, csrf: 'c' }],
  ])('refuses a value not shaped like a session (%s)', (_what, value) => {
    expect(liveSession(value, new Date(0))).toBeUndefined();
  });
});

describe('randomToken', () => {
  test('is 32 random bytes in base64url', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    expect(tokens.size).toBe(50);
    for (const t of tokens) expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });
});
