/**
 * A licence import survives `npm start` stopping in the middle of it (bin/local.ts as a real process, its own queue
 * worker running): stopped with SIGTERM, and separately killed with SIGKILL (the whole process group, DynamoDB Local
 * included), each once some chunks are recorded and others are not. Started again on the same data directory, the
 * runtime resumes the job from its record; at the end every row is imported exactly once — each licence in the
 * register once, with one `certificate.migrated` audit event — and the progress counts every row once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { usccWithCheck } from '../../../lambdas/domain/uscc';
import { pollUntil } from '../../../lib/local/wait';
import type { UploadGrant } from '../../support/applications';
import { postUpload } from '../../support/applications';
import { type ScriptProcess, spawnScript } from '../../support/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'permit-import-restart-'));
const children: ScriptProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode !== null || c.child.signalCode !== null || !c.child.pid) continue;
    process.kill(-c.child.pid, 'SIGKILL');
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  readonly process: ScriptProcess;
  readonly baseUrl: string;
  readonly admin: string;
}

async function start(): Promise<Running> {
  const process = spawnScript('bin/local.ts', { PORT: '0', PERMIT_DATA_DIR: dataDir }, [], { detached: true });
  children.push(process);
  const [, baseUrl] = await process.waitForOutput(/Permit is running at (http:\/\/\S+)/);
  const [, admin] = await process.waitForOutput(/export PERMIT_ADMIN_TOKEN='([^']+)'/);
  return { process, baseUrl: baseUrl as string, admin: admin as string };
}

const call = async (running: Running, path: string, body?: unknown): Promise<Response> =>
  fetch(`${running.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${running.admin}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const ROWS = 200;
const HEADER = '企业名称,统一社会信用代码,住所,生产地址,产品/单元,证书编号,发证日期,有效期至';

/** A file of `ROWS` licences numbered from `first`. */
function file(first: number): Uint8Array {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const n = first + i;
    const uscc = usccWithCheck(`91420100MA4K${String(n).padStart(5, '0')}`);
    const licenceNo = `(鄂)XK06-001-${String(n).padStart(5, '0')}`;
    return `重启测试${n}线缆有限公司,${uscc},武汉市示例路${n}号,武汉市示例园${n}号,06-001,${licenceNo},2024-03-01,2029-02-28`;
  });
  return new TextEncoder().encode([HEADER, ...rows].join('\n'));
}

interface Progress {
  total: number;
  done: number;
  failed: number;
  finished: boolean;
}

async function progressOf(running: Running, id: string): Promise<{ state: string; progress: Progress }> {
  return (await (await call(running, `/v1/imports/${id}`)).json()) as { state: string; progress: Progress };
}

async function startImport(running: Running, bytes: Uint8Array): Promise<string> {
  const granted = (await (
    await call(running, '/v1/imports/uploads', { format: 'csv', size: bytes.length })
  ).json()) as {
    uploadId: string;
    upload: UploadGrant;
  };
  expect((await postUpload(granted.upload, bytes, 'licences.csv')).status).toBeLessThan(300);
  const started = await call(running, '/v1/imports', { uploadId: granted.uploadId, format: 'csv', dryRun: false });
  expect(started.status).toBe(202);
  return ((await started.json()) as { id: string }).id;
}

const stops: [string, number, (r: Running) => void][] = [
  ['SIGTERM to the runtime', 10_000, (r) => r.process.child.kill('SIGTERM')],
  [
    'SIGKILL to the process group (DynamoDB Local too)',
    20_000,
    (r) => process.kill(-(r.process.child.pid as number), 'SIGKILL'),
  ],
];

for (const [name, first, stop] of stops) {
  test(`${name} in the middle of an import: after a restart every row is imported exactly once`, async () => {
    // Prepare: a run of 200 licences, stopped once some chunks are recorded
    const running = await start();
    const id = await startImport(running, file(first));
    let seen: Progress | undefined;
    await pollUntil(
      async () => {
        seen = (await progressOf(running, id)).progress;
        return seen.done > 0;
      },
      { timeoutMs: 120_000, intervalMs: 50, description: 'the first chunk recorded' },
    );

    // Act
    stop(running);
    await running.process.exited;
    const again = await start();
    await pollUntil(async () => (await progressOf(again, id)).progress.finished, {
      timeoutMs: 240_000,
      intervalMs: 250,
      description: 'the import to finish after the restart',
    });

    // Assess: stopped mid-way; at the end every row once
    expect(seen?.done).toBeLessThan(ROWS);
    expect(await progressOf(again, id)).toMatchObject({
      state: 'done',
      progress: { total: ROWS, done: ROWS, failed: 0, finished: true },
    });
    for (let n = first; n < first + ROWS; n += 1) {
      const lic = `42-XK06-001-${String(n).padStart(5, '0')}`;
      const audit = await call(again, `/v1/certificates/${lic}/audit`);
      expect(audit.status, lic).toBe(200);
      const actions = ((await audit.json()) as { items: { action: string }[] }).items.map((e) => e.action);
      expect(actions, lic).toEqual(['certificate.migrated']);
    }
    again.process.child.kill('SIGTERM');
    expect(await again.process.exited).toBe(0);
  });
}
