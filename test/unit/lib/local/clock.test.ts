/**
 * The local runtime's clock at start-up (`prepareLocalClock`): what it lets start on a data directory, what it
 * records, and the messages that tell the developer what to do; plus the clock route's duration syntax.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readClockState, writeClockState } from '../../../../lambdas/adapters/clock/local-clock';
import { CLOCK_FILE, prepareLocalClock, recordRealTimeReached } from '../../../../lib/local/clock';
import { parseDuration } from '../../../../lib/local/clock-route';
import { codeOf } from '../../../support/thrown';

const PAST = new Date('2026-02-10T01:00:00Z');
const REAL_NOW = new Date('2026-12-04T08:00:00Z');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'permit-data-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const messageOf = (attempt: () => unknown): string => {
  try {
    attempt();
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
  return 'no error';
};

describe('prepareLocalClock', () => {
  test('starts a past clock on an empty data directory and records it', () => {
    // Act
    const prepared = prepareLocalClock({ dataDir, start: PAST, realNow: REAL_NOW });

    // Assess
    expect(prepared).toEqual({ file: join(dataDir, CLOCK_FILE), start: PAST });
    expect(readClockState(prepared.file)).toEqual({
      basis: 'set',
      reached: PAST,
      anchor: { at: PAST, real: REAL_NOW },
    });
  });

  test('refuses a past clock over data made on real time, naming PERMIT_DATA_DIR and what to do', () => {
    // Prepare: a directory last run on real time
    prepareLocalClock({ dataDir, realNow: REAL_NOW });

    // Act
    const message = messageOf(() => prepareLocalClock({ dataDir, start: PAST, realNow: REAL_NOW }));

    // Assess
    expect(message).toBe(
      `CLOCK_REFUSED: PERMIT_CLOCK=2026-02-10T09:00:00+08:00 is in the past, but PERMIT_DATA_DIR (${dataDir}) already ` +
        'holds data made on real time (up to 2026-12-04T16:00:00+08:00), and its signing key is valid only from then ' +
        'on. A demo with a past clock starts from an empty data directory, e.g. PERMIT_DATA_DIR=.permit-demo ' +
        'PERMIT_CLOCK=2026-02-10T09:00:00+08:00 npm start',
    );
    expect(readClockState(join(dataDir, CLOCK_FILE))?.basis).toBe('real');
  });

  test('counts a directory that holds data but no clock file as made on real time', () => {
    // Prepare: a data directory from before the clock existed, with a signing key
    mkdirSync(join(dataDir, 'keys'));
    writeFileSync(join(dataDir, 'keys', 'jwks.json'), '{"keys":[]}');

    // Act
    const code = codeOf(() => prepareLocalClock({ dataDir, start: PAST, realNow: REAL_NOW }));
    const future = prepareLocalClock({ dataDir, start: new Date('2027-01-04T01:00:00Z'), realNow: REAL_NOW });

    // Assess
    expect(code).toBe('CLOCK_REFUSED');
    expect(future.start).toEqual(new Date('2027-01-04T01:00:00Z'));
  });

  test('the token key alone is no dated data: a past clock may still start', () => {
    mkdirSync(join(dataDir, 'idp'));
    writeFileSync(join(dataDir, 'idp', 'signing-key.jwk.json'), '{}');
    expect(prepareLocalClock({ dataDir, start: PAST, realNow: REAL_NOW }).start).toEqual(PAST);
  });

  test('refuses a clock earlier than the instant reached, suggesting one not before it', () => {
    // Prepare: a set clock that reached 09:20:15.4 and stopped
    writeClockState(join(dataDir, CLOCK_FILE), {
      basis: 'set',
      reached: new Date('2026-02-10T01:20:15.400Z'),
      anchor: { at: PAST, real: REAL_NOW },
    });

    // Act
    const message = messageOf(() => prepareLocalClock({ dataDir, start: PAST, realNow: REAL_NOW }));
    const resumed = prepareLocalClock({ dataDir, start: new Date('2026-02-10T01:20:16Z'), realNow: REAL_NOW });

    // Assess
    expect(message).toBe(
      'CLOCK_REFUSED: PERMIT_CLOCK=2026-02-10T09:00:00+08:00 is earlier than 2026-02-10T09:20:16+08:00, which the ' +
        `clock of PERMIT_DATA_DIR (${dataDir}) has already reached; the clock never moves backwards. Start at that ` +
        'instant or later (PERMIT_CLOCK=2026-02-10T09:20:16+08:00), or from an empty data directory',
    );
    expect(resumed.start).toEqual(new Date('2026-02-10T01:20:16Z'));
  });

  test('refuses real time once the set clock went beyond it', () => {
    writeClockState(join(dataDir, CLOCK_FILE), {
      basis: 'set',
      reached: new Date('2027-03-01T01:00:00Z'),
      anchor: { at: PAST, real: REAL_NOW },
    });
    expect(messageOf(() => prepareLocalClock({ dataDir, realNow: REAL_NOW }))).toBe(
      `CLOCK_REFUSED: the clock of PERMIT_DATA_DIR (${dataDir}) has reached 2027-03-01T09:00:00+08:00, later than the ` +
        'real time now, and it never moves backwards. Start with PERMIT_CLOCK=2027-03-01T09:00:00+08:00 (or later), ' +
        'or use another PERMIT_DATA_DIR',
    );
  });

  test('a broken clock file stops the start with a message instead of being overwritten', () => {
    writeFileSync(join(dataDir, CLOCK_FILE), 'garbage');
    expect(messageOf(() => prepareLocalClock({ dataDir, realNow: REAL_NOW }))).toMatch(
      /^CLOCK_REFUSED: .*clock\.json is not a clock state file .*PERMIT_DATA_DIR/,
    );
  });

  test('a clean stop on real time records the instant reached', () => {
    const { file } = prepareLocalClock({ dataDir, realNow: REAL_NOW });
    recordRealTimeReached(file, new Date('2026-12-04T09:00:00Z'));
    expect(readClockState(file)).toEqual({ basis: 'real', reached: new Date('2026-12-04T09:00:00Z') });
  });
});

describe('parseDuration (POST /_local/clock {"advance": …})', () => {
  test.each([
    ['P3D', 3 * 86_400_000],
    ['PT12H', 12 * 3_600_000],
    ['P1DT6H30M', 86_400_000 + 6.5 * 3_600_000],
    ['P2W', 14 * 86_400_000],
    ['PT90S', 90_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['P', 'PT', 'P1M', 'P1Y', '3 days', 'P-1D', 'P1.5D', ''])('refuses %j', (text) => {
    expect(codeOf(() => parseDuration(text))).toBe('CLOCK_ADVANCE_INVALID');
  });
});
