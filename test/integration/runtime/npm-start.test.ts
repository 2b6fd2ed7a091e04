/**
 * `npm start` (bin/local.ts) as a real process: it comes up with /health all up, stops DynamoDB Local's Java process
 * on SIGTERM or when orphaned, never leaves Java behind even when killed outright (the child guard), and fails with
 * one clear line when a port is taken or Java is missing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { pollUntil } from '../../../lib/local/wait';
import { isAlive, type ScriptProcess, spawnScript } from '../../support/processes';

const dirs: string[] = [];
const children: ScriptProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null) c.child.kill('SIGKILL');
    // Under `sh -c` the runtime is a grandchild: stop it by the pid it printed, should a test have failed.
    const pid = /starting pid=(\d+)/.exec(c.stderr())?.[1];
    if (pid && isAlive(Number(pid))) process.kill(Number(pid), 'SIGTERM');
  }
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string | undefined> = {}, viaShell = false): ScriptProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-npm-start-'));
  dirs.push(dataDir);
  const child = spawnScript('bin/local.ts', { PORT: '0', PERMIT_DATA_DIR: dataDir, ...env }, [], { viaShell });
  children.push(child);
  return child;
}

async function startAndWaitReady(
  viaShell = false,
): Promise<{ process: ScriptProcess; baseUrl: string; javaPid: number }> {
  const process = start({}, viaShell);
  const [, baseUrl] = await process.waitForOutput(/Permit is running at (http:\/\/\S+)/);
  const [, pid] = await process.waitForOutput(/dynamodbPid=(\d+)/);
  return { process, baseUrl: baseUrl as string, javaPid: Number(pid) };
}

const gone = (pid: number) =>
  pollUntil(async () => !isAlive(pid), { timeoutMs: 10_000, description: `process ${pid} to exit` });

test('comes up with /health all up and prints tokens and the sandbox receiver, then stops Java on SIGTERM', async () => {
  // Prepare
  const { process, baseUrl, javaPid } = await startAndWaitReady();
  const webhooks = /^ {2}Webhooks {3}(http:\/\/127\.0\.0\.1:\d+) {2}\(sandbox receiver; .*\/hooks\/\{name\}/m.exec(
    process.stdout(),
  )?.[1];

  // Act
  const health = await fetch(`${baseUrl}/health`);
  const receivers = await fetch(`${webhooks}/_sandbox/receivers`);
  process.child.kill('SIGTERM');
  const code = await process.exited;

  // Assess
  expect(health.status).toBe(200);
  expect(receivers.status).toBe(200);
  expect(await receivers.json()).toEqual({ receivers: [] });
  expect(process.stdout()).toMatch(/export PERMIT_OFFICER_TOKEN='ey[\w-]+\.[\w-]+\.[\w-]+'/);
  expect(process.stdout()).toMatch(/export PERMIT_ENTERPRISE_TOKEN='ey/);
  expect(process.stdout()).toContain(`${baseUrl}/openapi.json`);
  expect(code).toBe(0);
  await gone(javaPid);
});

test('stops, Java included, when the shell `npm start` runs it in is killed', async () => {
  // Prepare: npm forwards a SIGTERM only to its `sh -c`, which dies without passing it on.
  const { process, baseUrl, javaPid } = await startAndWaitReady(true);

  // Act
  process.child.kill('SIGKILL');
  await process.exited;

  // Assess: the runtime noticed it was orphaned and stopped; its port is closed and Java is gone.
  await gone(javaPid);
  await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();
});

test('a guarded child dies with its parent even when the parent is SIGKILLed', async () => {
  // Prepare
  const parent = spawnScript('test/support/fixtures/guard-parent.ts', {});
  children.push(parent);
  const [, pid] = await parent.waitForOutput(/guarded pid=(\d+)/);
  expect(isAlive(Number(pid))).toBe(true);

  // Act
  parent.child.kill('SIGKILL');
  await parent.exited;

  // Assess
  await gone(Number(pid));
});

test('says which port variable to change when a configured port is taken', async () => {
  // Prepare
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;

  // Act
  const process = start({ PORT: String(port) });
  const code = await process.exited;
  blocker.close();

  // Assess
  expect(code).toBe(1);
  expect(process.stderr()).toContain(`port ${port} (PORT) is already in use`);
});

test('explains how to install Java when there is none', async () => {
  // Act: no java on PATH, no JAVA_HOME.
  const process = start({ PATH: '/nonexistent', JAVA_HOME: '' });
  const code = await process.exited;

  // Assess
  expect(code).toBe(1);
  expect(process.stderr()).toMatch(/permit: DynamoDB Local needs Java.*Java 17\+ runtime.*openjdk-17-jre-headless/);
});

test('shows the clock in its banner when PERMIT_CLOCK set one', async () => {
  // Prepare / Act
  const process = start({ PERMIT_CLOCK: '2026-02-10T09:00:00+08:00' });
  await process.waitForOutput(/Permit is running at/);
  const [, now] = await process.waitForOutput(
    / {2}Clock {6}(\S+) {2}\(PERMIT_CLOCK=2026-02-10T09:00:00\+08:00, running/,
  );
  process.child.kill('SIGTERM');

  // Assess
  expect(now).toMatch(/^2026-02-10T09:0\d:\d\d\+08:00$/);
  expect(process.stdout()).toContain('/_local/clock');
  expect(await process.exited).toBe(0);
});

test('refuses, naming PERMIT_DATA_DIR, a past PERMIT_CLOCK over data made on real time, and a malformed one', async () => {
  // Prepare: a data directory holding a signing key made on real time
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-npm-start-'));
  dirs.push(dataDir);
  mkdirSync(join(dataDir, 'keys'));
  writeFileSync(join(dataDir, 'keys', 'jwks.json'), '{"keys":[]}');

  // Act
  const past = spawnScript('bin/local.ts', {
    PORT: '0',
    PERMIT_DATA_DIR: dataDir,
    PERMIT_CLOCK: '2026-02-10T09:00:00+08:00',
  });
  const malformed = start({ PERMIT_CLOCK: '2026-02-10 09:00' });
  children.push(past);

  // Assess
  expect(await past.exited).toBe(1);
  expect(past.stderr()).toContain(
    `permit: PERMIT_CLOCK=2026-02-10T09:00:00+08:00 is in the past, but PERMIT_DATA_DIR (${dataDir}) already holds data made on real time`,
  );
  expect(past.stderr()).toContain('PERMIT_DATA_DIR=.permit-demo PERMIT_CLOCK=2026-02-10T09:00:00+08:00 npm start');
  expect(await malformed.exited).toBe(1);
  expect(malformed.stderr()).toContain('permit: PERMIT_CLOCK must be an ISO 8601 instant with its offset');
});
