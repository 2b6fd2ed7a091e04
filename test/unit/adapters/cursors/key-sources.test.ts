/**
 * Where cursor keys live: the stored form, the local file (created once, 0600, kept across restarts, rotated in
 * place) and the SSM parameter (read with decryption, cached, refreshed for an unknown key id).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, type PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import {
  ensureCursorKeyFile,
  FileCursorKeySource,
  rotateCursorKeyFile,
  rotateCursorKeyParameter,
  SsmCursorKeySource,
} from '../../../../lambdas/adapters/cursors/key-sources';
import { PermitError } from '../../../../lambdas/domain/errors';
import { openCursor, sealCursor } from '../../../../lambdas/shared/cursors/codec';
import {
  CursorKeySetError,
  describeCursorKeySet,
  generateCursorKeySet,
  parseCursorKeySet,
  rotateCursorKeySet,
  serialiseCursorKeySet,
} from '../../../../lambdas/shared/cursors/key-set';

const clock = new ManualClock('2026-11-27T10:00:00+08:00');

describe('the stored key set', () => {
  test('round-trips, and its description names ids and times but no secret', () => {
    const set = rotateCursorKeySet(generateCursorKeySet(clock.now()), clock.now());
    const text = serialiseCursorKeySet(set);
    expect(parseCursorKeySet(text)).toEqual(set);
    const shown = JSON.stringify(describeCursorKeySet(set, clock.now()));
    expect(shown).toContain(set.current.id);
    expect(shown).not.toContain(set.current.secret.toString('base64url'));
    expect(describeCursorKeySet(set, clock.now()).map((k) => k.status)).toEqual(['current', 'accepted']);
  });

  test.each([
    ['not JSON', '{'],
    ['another format', '{"format":"x","current":{},"previous":[]}'],
    [
      'a short secret',
      '{"format":"permit-cursor-keys/1","current":{"id":"00000000","secret":"AAAA","createdAt":"2026-01-01T00:00:00Z"},"previous":[]}',
    ],
    [
      'a previous key without a retirement time',
      '{"format":"permit-cursor-keys/1","current":{"id":"00000000","secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-01-01T00:00:00Z"},"previous":[{"id":"00000001","secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-01-01T00:00:00Z"}]}',
    ],
    [
      'duplicate ids',
      '{"format":"permit-cursor-keys/1","current":{"id":"00000000","secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-01-01T00:00:00Z"},"previous":[{"id":"00000000","secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-01-01T00:00:00Z","retiresAt":"2026-01-02T00:00:00Z"}]}',
    ],
  ])('refuses %s', (_, text) => {
    expect(() => parseCursorKeySet(text)).toThrow(CursorKeySetError);
  });
});

describe('the local key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'permit-cursor-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is created on the first start with mode 0600 and kept as it is on every later start', () => {
    // Prepare
    const path = join(dir, 'data', 'cursor-keys.json');
    // Act
    const first = ensureCursorKeyFile(path, clock);
    const text = readFileSync(path, 'utf8');
    const second = ensureCursorKeyFile(path, clock);
    // Assess
    expect(first).toEqual({ created: true });
    expect(second).toEqual({ created: false });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('a cursor sealed by one process opens in another reading the same file (a restart)', async () => {
    const path = join(dir, 'cursor-keys.json');
    ensureCursorKeyFile(path, clock);
    const cursor = sealCursor('position', 'binding', await new FileCursorKeySource(path).get());
    expect(openCursor(cursor, 'binding', await new FileCursorKeySource(path).get(), clock.now())).toBe('position');
  });

  test('a rotation by the CLI is seen at once by a running source; the old key stays accepted', async () => {
    // Prepare
    const path = join(dir, 'cursor-keys.json');
    ensureCursorKeyFile(path, clock);
    const running = new FileCursorKeySource(path);
    const before = await running.get();
    const old = sealCursor('position', 'binding', before);
    // Act
    const rotated = rotateCursorKeyFile(path, clock);
    // Assess
    const after = await running.get();
    expect(after.current.id).toBe(rotated.current.id);
    expect(after.current.id).not.toBe(before.current.id);
    expect(openCursor(old, 'binding', after, clock.now())).toBe('position');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('an unreadable file fails the start, and a running source answers 503, not 500', async () => {
    const path = join(dir, 'cursor-keys.json');
    writeFileSync(path, 'not json', { mode: 0o600 });
    expect(() => ensureCursorKeyFile(path, clock)).toThrow(CursorKeySetError);
    await expect(new FileCursorKeySource(path).get()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'CURSOR_KEYS_UNAVAILABLE',
    });
    await expect(new FileCursorKeySource(join(dir, 'missing.json')).get()).rejects.toBeInstanceOf(PermitError);
  });
});

/** An SSM client holding one parameter in memory, recording what it is asked. */
class FakeSsm {
  value: string;
  readonly calls: { name: string; input: Record<string, unknown> }[] = [];
  constructor(value: string) {
    this.value = value;
  }
  async send(command: GetParameterCommand | PutParameterCommand): Promise<unknown> {
    this.calls.push({ name: command.constructor.name, input: { ...command.input } });
    if (command instanceof GetParameterCommand) return { Parameter: { Value: this.value } };
    this.value = command.input.Value as string;
    return {};
  }
}

describe('the SSM parameter', () => {
  test('is read with decryption once, then from the cache for five minutes', async () => {
    // Prepare
    const ssmClock = new ManualClock('2026-11-27T10:00:00Z');
    const ssm = new FakeSsm(serialiseCursorKeySet(generateCursorKeySet(ssmClock.now())));
    const source = new SsmCursorKeySource(ssm, '/permit/dev/cursor-keys', ssmClock);
    // Act
    await Promise.all([source.get(), source.get()]);
    ssmClock.advance({ minutes: 4, seconds: 59 });
    await source.get();
    ssmClock.advance({ seconds: 2 });
    await source.get();
    // Assess
    expect(ssm.calls).toEqual([
      { name: 'GetParameterCommand', input: { Name: '/permit/dev/cursor-keys', WithDecryption: true } },
      { name: 'GetParameterCommand', input: { Name: '/permit/dev/cursor-keys', WithDecryption: true } },
    ]);
  });

  test('refresh reloads at most every 30 seconds (an unknown key id cannot make every request call SSM)', async () => {
    const ssmClock = new ManualClock('2026-11-27T10:00:00Z');
    const ssm = new FakeSsm(serialiseCursorKeySet(generateCursorKeySet(ssmClock.now())));
    const source = new SsmCursorKeySource(ssm, '/p', ssmClock);
    await source.get();
    await source.refresh();
    ssmClock.advance({ seconds: 31 });
    await source.refresh();
    expect(ssm.calls).toHaveLength(2);
  });

  test('the cloud rotation writes a SecureString and keeps the old key for a day', async () => {
    // Prepare
    const set = generateCursorKeySet(clock.now());
    const ssm = new FakeSsm(serialiseCursorKeySet(set));
    // Act
    const next = await rotateCursorKeyParameter(ssm, '/permit/prod/cursor-keys', clock);
    // Assess
    const put = ssm.calls.find((c) => c.name === 'PutParameterCommand');
    expect(put?.input).toMatchObject({ Name: '/permit/prod/cursor-keys', Type: 'SecureString', Overwrite: true });
    expect(parseCursorKeySet(ssm.value)).toEqual(next);
    expect(next.previous[0]).toMatchObject({
      id: set.current.id,
      retiresAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    });
  });

  test('an SSM failure is 503 CURSOR_KEYS_UNAVAILABLE', async () => {
    const failing = { send: async () => Promise.reject(new Error('throttled')) };
    await expect(new SsmCursorKeySource(failing, '/p').get()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'CURSOR_KEYS_UNAVAILABLE',
    });
  });
});
