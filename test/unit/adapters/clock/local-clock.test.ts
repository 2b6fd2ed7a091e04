/**
 * The local runtime's settable clock: it starts at the set instant, runs at the speed of the real clock, moves
 * forward on request, never backwards, and keeps a persisted mark that is never behind an instant it handed out.
 * The "real" clock is a ManualClock the tests move; the state file lives in a temporary directory.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type ClockState,
  followClock,
  LEASE_MS,
  LocalClock,
  planClockStart,
  readClockState,
  writeClockState,
} from '../../../../lambdas/adapters/clock/local-clock';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { parseInstant, shanghaiInstant } from '../../../../lambdas/domain/instants';

const START = new Date('2026-02-10T01:00:00Z'); // 09:00 in Wuhan
const REAL_NOW = new Date('2026-12-04T08:00:00Z');

let dir: string;
let file: string;
let real: ManualClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permit-clock-'));
  file = join(dir, 'clock.json');
  real = new ManualClock(REAL_NOW);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A clock started at START on a fresh directory, as the runtime does. */
function started(): LocalClock {
  const plan = planClockStart(undefined, START, real.now());
  if (!plan.ok) throw new Error('refused');
  writeClockState(file, plan.state);
  return LocalClock.attach({ file, start: START, real });
}

/** What `attempt` threw (fails the test when it throws nothing). */
function thrown(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const persisted = () => readClockState(file) as ClockState;

describe('LocalClock', () => {
  test('starts at the set instant and runs at real speed from there', () => {
    // Prepare
    const clock = started();

    // Act
    const first = clock.now();
    real.advance({ minutes: 5 });
    const later = clock.now();

    // Assess
    expect(first).toEqual(START);
    expect(later.getTime() - START.getTime()).toBe(5 * 60_000);
    expect(clock.start).toEqual(START);
  });

  test('moves forward by a duration or to an instant, and keeps running from there', () => {
    // Prepare
    const clock = started();

    // Act
    const advanced = clock.advanceBy(3 * 86_400_000);
    const moved = clock.advanceTo(new Date('2026-03-01T01:00:00Z'));
    real.advance({ seconds: 30 });

    // Assess
    expect(advanced).toEqual(new Date('2026-02-13T01:00:00Z'));
    expect(moved).toEqual(new Date('2026-03-01T01:00:00Z'));
    expect(clock.now()).toEqual(new Date('2026-03-01T01:00:30Z'));
  });

  test('never moves backwards: not on request, and not when the real clock steps back', () => {
    // Prepare
    const clock = started();
    real.advance({ hours: 1 });
    const reached = clock.now();

    // Act
    const backwards = thrown(() => clock.advanceTo(new Date('2026-02-10T01:30:00Z')));
    const zero = thrown(() => clock.advanceBy(0));
    real.set(new Date(REAL_NOW.getTime() - 86_400_000)); // the host's clock jumps back a day
    const afterJump = clock.now();

    // Assess
    expect(backwards).toMatchObject({ kind: 'conflict', code: 'CLOCK_BACKWARDS' });
    expect(zero).toMatchObject({ kind: 'invalid', code: 'CLOCK_ADVANCE_INVALID' });
    expect(afterJump).toEqual(reached);
    expect(clock.now()).toEqual(reached);
  });

  test('keeps the persisted mark ahead of every instant it hands out, with one write per lease', () => {
    // Prepare
    const clock = started();

    // Act: the start itself, an instant past the mark, one within the lease it took, one past that lease
    const atStart = clock.now().getTime();
    const markAtStart = persisted().reached.getTime();
    real.advance({ seconds: 1 });
    const pastMark = clock.now().getTime();
    const lease = persisted().reached.getTime();
    real.advance({ ms: LEASE_MS / 2 });
    const withinLease = clock.now().getTime();
    const unchanged = persisted().reached.getTime();
    real.advance({ ms: LEASE_MS });
    const pastLease = clock.now().getTime();

    // Assess
    expect(markAtStart).toBe(atStart);
    expect(lease).toBe(pastMark + LEASE_MS);
    expect(unchanged).toBe(lease);
    expect(withinLease).toBeLessThanOrEqual(unchanged);
    expect(persisted().reached.getTime()).toBe(pastLease + LEASE_MS);
  });

  test('records the exact instant reached on a clean stop, and moves are persisted at once', () => {
    // Prepare
    const clock = started();
    clock.advanceTo(new Date('2026-03-01T01:00:00Z'));
    const movedMark = persisted();
    real.advance({ seconds: 7 });
    const last = clock.now();

    // Act
    clock.close();

    // Assess
    expect(movedMark.reached.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-01T01:00:00Z'));
    expect(movedMark.anchor?.at).toEqual(new Date('2026-03-01T01:00:00Z'));
    expect(persisted().reached).toEqual(last);
  });

  test('a restart refuses a start earlier than what the directory reached, and accepts one from there on', () => {
    // Prepare: a first run reaches 09:20 and stops
    const clock = started();
    real.advance({ minutes: 20 });
    clock.now();
    clock.close();
    const state = persisted();

    // Act
    const again = planClockStart(state, START, real.now());
    const fromThere = planClockStart(state, state.reached, real.now());

    // Assess
    expect(again).toEqual({ ok: false, refusal: { reason: 'behind-data', reached: new Date('2026-02-10T01:20:00Z') } });
    expect(fromThere).toMatchObject({ ok: true, state: { basis: 'set', anchor: { at: state.reached } } });
  });

  test('a crash leaves the mark at the lease, never behind what was handed out', () => {
    // Prepare: a run that hands out instants and is never closed
    const clock = started();
    let latest = 0;
    for (let i = 0; i < 25; i++) {
      real.advance({ ms: 1_700 });
      latest = clock.now().getTime();
    }

    // Act: a restart at the last instant handed out
    const restart = planClockStart(persisted(), new Date(latest), real.now());

    // Assess
    expect(restart).toMatchObject({ ok: false, refusal: { reason: 'behind-data' } });
    expect(persisted().reached.getTime()).toBeGreaterThanOrEqual(latest);
  });

  test('refuses to attach to a file that describes another start', () => {
    started();
    expect(thrown(() => LocalClock.attach({ file, start: new Date('2026-02-11T01:00:00Z'), real }))).toMatchObject({
      code: 'CLOCK_STATE_INVALID',
    });
  });
});

describe('planClockStart', () => {
  test('a fresh directory takes any clock: set, or real time', () => {
    expect(planClockStart(undefined, START, REAL_NOW)).toEqual({
      ok: true,
      state: { basis: 'set', reached: START, anchor: { at: START, real: REAL_NOW } },
    });
    expect(planClockStart(undefined, undefined, REAL_NOW)).toEqual({
      ok: true,
      state: { basis: 'real', reached: REAL_NOW },
    });
  });

  test('a past clock is refused over data made on real time; a future one is not', () => {
    const realData: ClockState = { basis: 'real', reached: new Date(REAL_NOW.getTime() - 60_000) };
    expect(planClockStart(realData, START, REAL_NOW)).toEqual({
      ok: false,
      refusal: { reason: 'past-over-real-data', reached: realData.reached },
    });
    expect(planClockStart(realData, new Date('2027-01-04T01:00:00Z'), REAL_NOW)).toMatchObject({ ok: true });
  });

  test('real time is refused once a set clock went beyond it, and allowed once real time passed it', () => {
    const ahead: ClockState = {
      basis: 'set',
      reached: new Date('2027-03-01T01:00:00Z'),
      anchor: { at: START, real: REAL_NOW },
    };
    expect(planClockStart(ahead, undefined, REAL_NOW)).toEqual({
      ok: false,
      refusal: { reason: 'real-time-behind-data', reached: ahead.reached },
    });
    expect(planClockStart(ahead, undefined, new Date('2027-03-02T00:00:00Z'))).toMatchObject({
      ok: true,
      state: { basis: 'real' },
    });
  });
});

describe('clock state file', () => {
  test('reads what it wrote, and nothing for a missing file', () => {
    const state: ClockState = { basis: 'set', reached: START, anchor: { at: START, real: REAL_NOW } };
    expect(readClockState(file)).toBeUndefined();
    writeClockState(file, state);
    expect(readClockState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, basis: 'set' });
  });

  test.each([
    ['not JSON', '{'],
    ['an unknown version', '{"version":2,"basis":"real","reached":"2026-02-10T01:00:00Z"}'],
    ['a bad basis', '{"version":1,"basis":"fast","reached":"2026-02-10T01:00:00Z"}'],
    ['a bad instant', '{"version":1,"basis":"real","reached":"soon"}'],
    ['a set clock without anchor', '{"version":1,"basis":"set","reached":"2026-02-10T01:00:00Z"}'],
  ])('refuses %s with CLOCK_STATE_INVALID', (_name, text) => {
    writeFileSync(file, text);
    expect(thrown(() => readClockState(file))).toMatchObject({ code: 'CLOCK_STATE_INVALID' });
  });
});

describe('followClock (another process on the same directory)', () => {
  test('follows the set clock from its anchor and records what it handed out', () => {
    // Prepare
    started();
    real.advance({ minutes: 30 });

    // Act
    const at = followClock(file, real).now();

    // Assess
    expect(at).toEqual(new Date('2026-02-10T01:30:00Z'));
    expect(persisted().reached.getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  test('is the real clock for a directory on real time or without a clock file', () => {
    expect(followClock(file, real).now()).toEqual(REAL_NOW);
    writeClockState(file, { basis: 'real', reached: REAL_NOW });
    real.advance({ seconds: 1 });
    expect(followClock(file, real).now()).toEqual(real.now());
  });
});

describe('instants', () => {
  test('parses instants with their offset only, and shows them in Wuhan time', () => {
    expect(parseInstant('2026-02-10T09:00:00+08:00')).toEqual(START);
    expect(parseInstant('2026-02-10T01:00Z')).toEqual(START);
    for (const bad of [
      '2026-02-10T09:00:00',
      '2026-02-10',
      '2026-02-30T09:00:00+08:00',
      'tomorrow',
      '1899-12-31T00:00Z',
    ]) {
      expect(thrown(() => parseInstant(bad, 'PERMIT_CLOCK'))).toMatchObject({ code: 'INSTANT_INVALID' });
    }
    expect(shanghaiInstant(START)).toBe('2026-02-10T09:00:00+08:00');
  });
});
