/**
 * A normal stop of `npm start` (bin/local.ts as a real process) loses nothing it acknowledged: Ctrl-C (SIGINT to the
 * whole foreground process group, Java included, as a terminal sends it), SIGTERM to the runtime, and SIGHUP to the
 * group (a closed terminal), each sent the moment the last `201` arrived. After every stop the runtime starts again
 * on the same data directory and finds every certificate acknowledged so far, and each one's QR still verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { pollUntil } from '../../../lib/local/wait';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { isAlive, type ScriptProcess, spawnScript } from '../../support/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'permit-npm-stop-'));
const children: ScriptProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null && c.child.pid) process.kill(-c.child.pid, 'SIGKILL');
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  readonly process: ScriptProcess;
  readonly baseUrl: string;
  readonly officer: string;
  readonly javaPid: number;
}

async function start(): Promise<Running> {
  const process = spawnScript('bin/local.ts', { PORT: '0', PERMIT_DATA_DIR: dataDir }, [], { detached: true });
  children.push(process);
  const [, baseUrl] = await process.waitForOutput(/Permit is running at (http:\/\/\S+)/);
  const [, officer] = await process.waitForOutput(/export PERMIT_OFFICER_TOKEN='([^']+)'/);
  const [, javaPid] = await process.waitForOutput(/dynamodbPid=(\d+)/);
  return { process, baseUrl: baseUrl as string, officer: officer as string, javaPid: Number(javaPid) };
}

type Issued = CertificateJson & { licenceNoUrlSafe: string; qr: { text: string } };
const acknowledged: Issued[] = [];

/** Every certificate acknowledged so far is there, and its QR (on this run's base URL) verifies. */
async function expectAllThere(running: Running): Promise<void> {
  for (const certificate of acknowledged) {
    const found = await fetch(`${running.baseUrl}/v1/certificates/${certificate.licenceNoUrlSafe}`, {
      headers: { authorization: `Bearer ${running.officer}` },
    });
    expect(found.status, certificate.licenceNo).toBe(200);
    const qrPath = new URL(certificate.qr.text).pathname;
    const verified = await fetch(`${running.baseUrl}${qrPath}`, { headers: { accept: 'application/json' } });
    expect(await verified.json(), certificate.licenceNo).toMatchObject({ verdict: 'valid' });
  }
}

let seed = 800;

/** Issue two certificates, the second one's 201 immediately followed by `stop`. */
async function issueThenStop(running: Running, stop: () => void): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const init = jsonRequest(issueBody({ seed: seed++ }));
    const res = await fetch(`${running.baseUrl}/v1/certificates`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${running.officer}` },
    });
    if (i === 1) stop();
    expect(res.status).toBe(201);
    acknowledged.push(await readJson<Issued>(res));
  }
}

async function exitsCleanly(running: Running): Promise<void> {
  expect(await running.process.exited).toBe(0);
  await pollUntil(async () => !isAlive(running.javaPid), { timeoutMs: 10_000, description: 'Java to exit' });
}

/** The process group `npm start` leads, as a terminal's foreground job. */
const group = (running: Running) => -(running.process.child.pid as number);

const stops: [string, (running: Running) => void][] = [
  ['Ctrl-C (SIGINT to the process group, Java included)', (r) => process.kill(group(r), 'SIGINT')],
  ['SIGTERM to the runtime', (r) => r.process.child.kill('SIGTERM')],
  ['SIGHUP to the process group (the terminal closed)', (r) => process.kill(group(r), 'SIGHUP')],
];

for (const [name, stop] of stops) {
  test(`${name} right after a 201 loses nothing acknowledged`, async () => {
    // Prepare: a start on the data directory finds everything acknowledged before
    const running = await start();
    await expectAllThere(running);

    // Act
    await issueThenStop(running, () => stop(running));

    // Assess
    await exitsCleanly(running);
  });
}

test('after all three stops, every acknowledged certificate is there and its QR verifies', async () => {
  // Act
  const running = await start();

  // Assess
  expect(acknowledged).toHaveLength(2 * stops.length);
  await expectAllThere(running);
  running.process.child.kill('SIGTERM');
  await exitsCleanly(running);
});
