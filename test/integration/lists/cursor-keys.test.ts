/**
 * The local cursor secret: generated under the data directory on the first start (mode 0600), kept across restarts
 * — a cursor handed out before a restart still pages after it — and rotated by `npm run cursor-keys -- rotate`
 * while the runtime runs, the old cursor still accepted. Also the adapter's last line of defence: a position that
 * DynamoDB refuses as a start key is INVALID_CURSOR, never a 500.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { certificateRepository } from '../../../lambdas/composition/storage';
import { PermitError } from '../../../lambdas/domain/errors';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { issueBody, jsonRequest } from '../../support/certificates';
import { uniqueSuffix } from '../../support/emulators';
import { spawnScript } from '../../support/processes';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const started: TestRuntime[] = [];
let dataDir: string | undefined;
afterAll(async () => {
  for (const r of started) await r.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface PageJson {
  items: { licenceNo: string; licenceNoUrlSafe: string }[];
  cursor?: string;
}

const keyIdOf = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('hex', 1, 5);

test('a cursor survives a restart, and a rotation by the CLI while running keeps it valid', async () => {
  // Prepare: three certificates, the first page of one
  const resourceSuffix = uniqueSuffix();
  const first = await startTestRuntime({ resourceSuffix, keepDataDir: true, pollers: false, schedules: false });
  started.push(first);
  dataDir = first.dataDir;
  for (const seed of [61, 62, 63]) {
    expect(
      (await first.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) })).status,
    ).toBe(201);
  }
  const all = ((await (await first.request('/v1/certificates?limit=100', { as: 'officer' })).json()) as PageJson).items;
  const page1 = (await (await first.request('/v1/certificates?limit=1', { as: 'officer' })).json()) as PageJson;
  const keyFile = join(first.dataDir, 'cursor-keys.json');
  const keysBefore = readFileSync(keyFile, 'utf8');

  // Act 1: stop, start again on the same data, resources and port
  await first.stop();
  const second = await startTestRuntime({
    resourceSuffix,
    dataDir: first.dataDir,
    port: first.ports.gateway,
    pollers: false,
    schedules: false,
  });
  started.push(second);
  const afterRestart = await second.request(`/v1/certificates?limit=1&cursor=${page1.cursor}`, { as: 'officer' });

  // Assess 1
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(readFileSync(keyFile, 'utf8')).toBe(keysBefore);
  expect(afterRestart.status).toBe(200);
  const page2 = (await afterRestart.json()) as PageJson;
  expect(page2.items).toEqual([all[1]]);

  // Act 2: rotate with the CLI in another process, as an operator would
  const cli = spawnScript('bin/cursor-keys.ts', { PERMIT_DATA_DIR: first.dataDir }, ['rotate']);
  const code = await cli.exited;
  const newKeyId = /new current key ([0-9a-f]{8})/.exec(cli.stdout())?.[1];

  // Assess 2: the old cursor still pages; new cursors are sealed with the new key; no secret was printed
  expect(code, cli.stderr()).toBe(0);
  expect(newKeyId).toBeDefined();
  expect(cli.stdout()).not.toContain(JSON.parse(keysBefore).current.secret);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  const oldCursor = await second.request(`/v1/certificates?limit=1&cursor=${page1.cursor}`, { as: 'officer' });
  expect(oldCursor.status).toBe(200);
  const fresh = (await (await second.request('/v1/certificates?limit=1', { as: 'officer' })).json()) as PageJson;
  expect(keyIdOf(fresh.cursor as string)).toBe(newKeyId);
  expect(keyIdOf(page1.cursor as string)).toBe(JSON.parse(keysBefore).current.id);
  const next = await second.request(`/v1/certificates?limit=1&cursor=${fresh.cursor}`, { as: 'officer' });
  expect(((await next.json()) as PageJson).items).toEqual([all[1]]);
});

test('a well-formed position that DynamoDB refuses as a start key is INVALID_CURSOR in the adapter', async () => {
  // Prepare: a position of the right shape and partition, but outside the audit query's range predicate. The HTTP
  // edge never lets such a position through (it only opens what it sealed); the adapter must hold anyway.
  const runtime = started.at(-1) as TestRuntime;
  const page = (await (await runtime.request('/v1/certificates?limit=1', { as: 'officer' })).json()) as PageJson;
  const { licenceNo, licenceNoUrlSafe } = page.items[0] as PageJson['items'][number];
  const position = Buffer.from(JSON.stringify({ pk: `CERT#${licenceNoUrlSafe}`, sk: '#HEAD' })).toString('base64url');

  // Act
  const outcome = await certificateRepository()
    .listAudit(LicenceNumber.parse(licenceNo), { cursor: position })
    .then(
      () => 'listed',
      (error: unknown) => (error instanceof PermitError ? error.code : `unexpected ${String(error)}`),
    );

  // Assess
  expect(outcome).toBe('INVALID_CURSOR');
});
