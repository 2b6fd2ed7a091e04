/**
 * `npm run log -- monitor` against the local runtime: two runs across a growing log agree (the key trusted on first use
 * and remembered); a changed byte in a published tile or entry bundle is caught and named; a state file remembering
 * another root for the same size is a fork, a larger remembered size a rollback, and a smaller one the log does not
 * extend a rewrite; a missing bundle is named; another key is a signature problem; usage and an unreachable service
 * exit 2 with a message. Certificates are issued over HTTP and the
 * sequencer is run on demand.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { formatVerifierKey, parseCheckpoint } from '../../../lambdas/domain/transparency/checkpoint';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import { spawnScript } from '../../support/processes';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import {
  deleteLogObject,
  flipByte,
  readLogObject,
  replaceLogObject,
  runMonitor,
  writeLogObject,
} from '../../support/transparency';
import { issueCertificate } from '../verification/support';

let runtime: TestRuntime;
let dir: string;
const clock = new ManualClock(new Date('2026-12-05T02:00:00.000Z'));
const integrate = () => integrateLog(sequencerDeps({ clock }));

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  dir = mkdtempSync(join(tmpdir(), 'permit-log-monitor-'));
});
afterAll(async () => {
  await runtime?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let seed = 9500;
/** Issue `count` certificates, a second apart, and integrate them into the log. */
async function grow(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await issueCertificate(runtime, seed++);
    clock.advance({ ms: 1_000 });
  }
  await integrate();
}

const monitor = (state: string, ...more: string[]) =>
  runMonitor(['monitor', '--url', runtime.baseUrl, '--state', state, ...more]);

async function currentSize(): Promise<number> {
  const note = new TextDecoder().decode(await readLogObject('checkpoint'));
  return parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1)).treeSize;
}

/** A state file remembering the live log's key and a checkpoint of `treeSize` with `root` (base64). */
function stateWith(name: string, treeSize: number, root: string): string {
  const good = JSON.parse(readFileSync(join(dir, 'shared.json'), 'utf8')) as Record<string, unknown>;
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ ...good, treeSize, root }));
  return file;
}

describe('a consistent log', () => {
  test('two runs across a growing log: OK both times, the key trusted on first use and remembered', async () => {
    // Prepare
    await grow(2);
    const state = join(dir, 'shared.json');

    // Act
    const first = await monitor(state);
    const firstSize = await currentSize();
    await grow(3);
    const second = await monitor(state, '--json');

    // Assess
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('TRUSTED ON FIRST USE');
    expect(first.stdout).toContain(`checkpoint: size ${firstSize} (first run)`);
    expect(first.stdout).toMatch(/OK — every tile and entry checks/);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({
      ok: true,
      trustedOnFirstUse: false,
      treeSize: firstSize + 3,
      previous: { treeSize: firstSize },
      newEntries: { total: 3, byType: { issuance: 3 } },
    });
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ treeSize: firstSize + 3, key: report.key });
  });
});

describe('problems found exit 1', () => {
  test('a changed byte in a hash tile: TAMPERED, naming the tile', async () => {
    // Prepare
    const size = await currentSize();
    const path = `tile/0/000.p/${size}`;
    const state = stateWith('tile.json', 1, Buffer.alloc(32).toString('base64'));
    const original = await replaceLogObject(path, (b) => flipByte(b, 40));

    // Act
    const run = await monitor(state).finally(() => writeLogObject(path, original));

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`PROBLEM TAMPERED [TLOG_TILE_INVALID] ${path}:`);
    expect(JSON.parse(readFileSync(state, 'utf8')).treeSize).toBe(1); // nothing saved
  });

  test('a changed byte in an entry bundle: TAMPERED, naming the bundle', async () => {
    // Prepare
    const size = await currentSize();
    const path = `tile/entries/000.p/${size}`;
    const state = join(dir, 'bundle.json');
    const original = await replaceLogObject(path, (b) => flipByte(b, b.length - 3));

    // Act
    const run = await monitor(state, '--json').finally(() => writeLogObject(path, original));

    // Assess
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problem).toMatchObject({ kind: 'TAMPERED', code: 'TLOG_BUNDLE_INVALID', path });
  });

  test('a missing entry bundle: MISSING, naming it', async () => {
    // Prepare: a copy of the log that lost one object
    const path = `tile/entries/000.p/${await currentSize()}`;
    const original = await readLogObject(path);
    await deleteLogObject(path);

    // Act
    const run = await monitor(join(dir, 'missing.json')).finally(() => writeLogObject(path, original));

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`PROBLEM MISSING [TLOG_TILE_MISSING] ${path}:`);
  });

  test('a remembered checkpoint of the same size and another root: FORK', async () => {
    // Prepare
    const state = stateWith('fork.json', await currentSize(), randomBytes(32).toString('base64'));

    // Act
    const run = await monitor(state);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/PROBLEM FORK \[TLOG_FORK\]: two roots for size \d+/);
  });

  test('a remembered checkpoint larger than the log now: ROLLBACK', async () => {
    // Prepare
    const state = stateWith('rollback.json', (await currentSize()) + 5, randomBytes(32).toString('base64'));

    // Act
    const run = await monitor(state);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('PROBLEM ROLLBACK [TLOG_ROLLBACK]');
  });

  test('a remembered smaller checkpoint the log does not extend: REWRITE', async () => {
    // Prepare
    const state = stateWith('rewrite.json', 2, randomBytes(32).toString('base64'));

    // Act
    const run = await monitor(state);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('PROBLEM REWRITE [TLOG_CONSISTENCY_PROOF_INVALID]');
  });

  test('another key given with --key: the checkpoint is not signed by it', async () => {
    // Prepare
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    const name = (JSON.parse(readFileSync(join(dir, 'shared.json'), 'utf8')) as { key: string }).key.split('+')[0];
    const other = formatVerifierKey(name as string, new Uint8Array(raw));
    const keyFile = join(dir, 'other-key.txt');
    writeFileSync(keyFile, `${other}\n`);

    // Act
    const run = await monitor(join(dir, 'other.json'), '--key', keyFile);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('PROBLEM BAD_CHECKPOINT [TLOG_NOTE_UNVERIFIED]');
  });
});

describe('the command', () => {
  test('usage errors exit 2 with the usage line', async () => {
    for (const argv of [[], ['watch'], ['monitor'], ['monitor', '--url', runtime.baseUrl, '--bogus']]) {
      const run = await runMonitor(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage: npm run log -- monitor --url');
    }
  });

  test('as a process, against a service that cannot be reached: exit 2, a message, no stack trace', async () => {
    // Act
    const child = spawnScript('bin/log.ts', { NO_PROXY: '127.0.0.1' }, [
      'monitor',
      '--url',
      'http://127.0.0.1:9',
      '--state',
      join(dir, 'unreachable.json'),
    ]);
    const code = await child.exited;

    // Assess
    expect(code).toBe(2);
    expect(child.stdout()).toBe('');
    expect(child.stderr().trim()).toMatch(
      /^cannot reach the log: GET http:\/\/127\.0\.0\.1:9\/\.well-known\/.* failed/,
    );
    expect(child.stderr()).not.toMatch(/\n\s+at /);
  });
});
