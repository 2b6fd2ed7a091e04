/**
 * The licence import end to end through the local runtime (issue 19's "done when"), its worker driven by hand off the
 * real queue (pollers off): a file uploaded through the presigned POST, a dry run reporting exactly its bad rows and
 * writing nothing, the run importing the good ones — each licence under its own number and dates, verifiable by its
 * QR (a revoked one revoked, an expired one expired) — and the progress and report on the API. A chunk delivered again
 * changes nothing; a run whose queued work was lost resumes from its record and imports every row exactly once.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importWorkerDeps, resumeImportsNow } from '../../../lambdas/composition/imports';
import { usccWithCheck } from '../../../lambdas/domain/uscc';
import { runImportMessages } from '../../../lambdas/use-cases/imports/worker';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { postUpload, type UploadGrant } from '../../support/applications';
import type { CertificateJson } from '../../support/certificates';
import { drainQueue } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { payloadOf, verifyPath } from '../verification/support';

let runtime: TestRuntime;
let sqs: SQSClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

const HEADER = '企业名称,统一社会信用代码,住所,生产地址,产品/单元,证书编号,发证日期,有效期至,状态,状态日期';

/** A row of a provincial export for licence `serial` of enterprise `seed` (licence numbers unique per test). */
function row(seed: number, serial: number, overrides: Record<string, string> = {}): string {
  const values = {
    name: `武汉迁移测试${seed}线缆有限公司`,
    uscc: usccWithCheck(`91420100MA4K${String(seed).padStart(5, '0')}`),
    domicile: '武汉市江汉区示例路1号',
    address: '武汉市东西湖区示例工业园2号',
    product: '06-001',
    licenceNo: `(鄂)XK06-001-${String(serial).padStart(5, '0')}`,
    issueDate: '2024-03-01',
    validUntil: '2029-02-28',
    status: '有效',
    statusDate: '',
    ...overrides,
  };
  return Object.values(values).join(',');
}

async function upload(csv: string): Promise<string> {
  const bytes = new TextEncoder().encode(csv);
  const res = await runtime.request('/v1/imports/uploads', {
    as: 'admin',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ format: 'csv', size: bytes.length }),
  });
  expect(res.status).toBe(201);
  const grant = (await res.json()) as { uploadId: string; upload: UploadGrant };
  const sent = await postUpload(grant.upload, bytes, 'licences.csv');
  expect(sent.status).toBeLessThan(300);
  return grant.uploadId;
}

interface ImportJson {
  id: string;
  state: string;
  licences: number;
  progress: { total: number; done: number; failed: number; pending: number; finished: boolean };
}

async function start(uploadId: string, dryRun: boolean): Promise<ImportJson> {
  const res = await runtime.request('/v1/imports', {
    as: 'admin',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ uploadId, format: 'csv', dryRun }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as ImportJson;
}

const read = async (id: string): Promise<ImportJson> =>
  (await (await runtime.request(`/v1/imports/${id}`, { as: 'admin' })).json()) as ImportJson;

const report = async (id: string) =>
  (await (await runtime.request(`/v1/imports/${id}/report`, { as: 'admin' })).json()) as {
    problems: { row: number; column: string | null; code: string }[];
  };

/** What the import queue holds, run through the worker as its event source would, until it is empty. */
async function work(): Promise<number> {
  const deps = await importWorkerDeps();
  let handled = 0;
  for (;;) {
    const bodies = await drainQueue(sqs, runtime.names.queues.imports.url);
    if (bodies.length === 0) return handled;
    const settled = await runImportMessages(deps, bodies);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    handled += bodies.length;
  }
}

const certificate = async (licenceNo: string): Promise<Response> =>
  runtime.request(`/v1/certificates/${encodeURIComponent(licenceNo)}`, { as: 'officer' });

describe('licence import through npm start', () => {
  test('a dry run reports exactly the bad rows and writes nothing; the run imports the good ones, verifiable', async () => {
    // Prepare: rows 2–3 one licence (two products), 4 revoked, 5 expired, 6 a bad USCC, 7 another province
    const csv = [
      HEADER,
      row(9101, 101),
      row(9101, 101, { product: '05-001' }),
      row(9102, 102, { status: '吊销', statusDate: '2025-06-30' }),
      row(9103, 103, { issueDate: '2020-01-10', validUntil: '2025-01-09', status: '过期' }),
      row(9104, 104, { uscc: '91420100MA4K091040' }),
      row(9105, 105, { licenceNo: '(粤)XK06-001-00105' }),
    ].join('\r\n');
    const uploadId = await upload(csv);

    // Act: the dry run
    const checked = await start(uploadId, true);
    await work();

    // Assess
    const dry = await read(checked.id);
    expect(dry).toMatchObject({ state: 'checked', licences: 3, progress: { total: 6, done: 0, failed: 2 } });
    const dryReport = await report(checked.id);
    expect(dryReport.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [6, 'uscc', 'ROW_USCC_INVALID'],
      [7, 'licenceNo', 'ROW_LICENCE_PROVINCE'],
    ]);
    expect((await certificate('(鄂)XK06-001-00101')).status).toBe(404);

    // Act: the run
    const run = await start(uploadId, false);
    await work();

    // Assess: progress, the report, each licence
    const done = await read(run.id);
    expect(done).toMatchObject({
      state: 'done',
      licences: 3,
      progress: { total: 6, done: 4, failed: 2, pending: 0, finished: true },
    });
    const csvReport = await runtime.request(`/v1/imports/${run.id}/report.csv`, { as: 'admin' });
    expect(csvReport.headers.get('content-type')).toContain('text/csv');
    const csvBytes = new Uint8Array(await csvReport.arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const csvLines = new TextDecoder().decode(csvBytes).split('\r\n');
    expect(csvLines[0]).toBe('row,column,code,message');
    expect(csvLines.slice(1, 3).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '6,uscc,ROW_USCC_INVALID',
      '7,licenceNo,ROW_LICENCE_PROVINCE',
    ]);

    const merged = (await (await certificate('(鄂)XK06-001-00101')).json()) as CertificateJson & {
      issueDate: string;
      validUntil: string;
      products: { categoryCode: string; productCode: string }[];
    };
    expect([merged.issueDate, merged.validUntil]).toEqual(['2024-03-01', '2029-02-28']);
    expect(merged.products.map((p) => `${p.categoryCode}-${p.productCode}`)).toEqual(['06-001', '05-001']);
    const verdicts: string[] = [];
    for (const serial of [101, 102, 103]) {
      const view = (await (await certificate(`(鄂)XK06-001-00${serial}`)).json()) as CertificateJson;
      verdicts.push((await verifyPath(runtime, `/v/${payloadOf(view.qr.text)}`)).verdict);
    }
    expect(verdicts).toEqual(['valid', 'revoked', 'expired']);

    // Act: the same licences checked again, and a second number for an enterprise that now holds a live one
    const again = await start(await upload([HEADER, row(9102, 102), row(9101, 111)].join('\n')), true);
    await work();

    // Assess: the register refuses both, by row
    expect((await report(again.id)).problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'licenceNo', 'ROW_ALREADY_REGISTERED'],
      [3, 'uscc', 'ROW_ENTERPRISE_REGISTERED'],
    ]);
  });

  test('a chunk delivered again changes nothing; work the queue lost resumes from the record, each row once', async () => {
    // Prepare: 60 licences (three chunks); the check runs, then the queue loses every chunk message
    const rows = Array.from({ length: 60 }, (_, i) => row(9200 + i, 200 + i));
    const uploadId = await upload([HEADER, ...rows].join('\n'));
    const run = await start(uploadId, false);
    const [plan] = await drainQueue(sqs, runtime.names.queues.imports.url);
    const deps = await importWorkerDeps();
    await runImportMessages(deps, [plan as string]);
    const lost = await drainQueue(sqs, runtime.names.queues.imports.url);
    expect(lost).toHaveLength(3);
    // …but the first chunk was worked once before the loss
    await runImportMessages(deps, [lost[0] as string]);

    // Act: a restart resumes the job; the first chunk arrives once more on top
    const resumed = await resumeImportsNow();
    await runImportMessages(deps, [lost[0] as string]);
    await work();

    // Assess
    expect(resumed).toEqual([{ id: run.id, messages: 2 }]);
    const done = await read(run.id);
    expect(done).toMatchObject({ state: 'done', progress: { total: 60, done: 60, failed: 0 } });
    const listed = await runtime.request('/v1/certificates?limit=100', { as: 'officer' });
    const numbers = ((await listed.json()) as { items: { licenceNo: string }[] }).items
      .map((c) => c.licenceNo)
      .filter((n) => /XK06-001-002\d\d/.test(n));
    expect(new Set(numbers).size).toBe(60);
    expect(numbers).toHaveLength(60);
  });

  test('a file that cannot be imported ends the job failed with its code, and writes nothing', async () => {
    // Prepare: no 证书编号 column
    const uploadId = await upload(
      ['企业名称,统一社会信用代码,住所,生产地址,产品/单元,发证日期,有效期至', row(9301, 301)].join('\n'),
    );

    // Act
    const job = await start(uploadId, false);
    await work();

    // Assess
    const failed = (await read(job.id)) as ImportJson & { error?: { code: string } };
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'IMPORT_HEADER_MISSING' },
      progress: { finished: true },
    });
    expect(((await report(job.id)) as { problems: unknown[] }).problems).toEqual([]);
  });

  test('bad requests get their codes: too large, nothing uploaded, an unknown import', async () => {
    // Act
    const tooLarge = await runtime.request('/v1/imports/uploads', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'xlsx', size: 50 * 1024 * 1024 + 1 }),
    });
    const missing = await runtime.request('/v1/imports', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId: 'UPL-20261206-K3M9Q2ZT7A', format: 'csv', dryRun: true }),
    });
    const unknown = await runtime.request('/v1/imports/IMP-20261206-K3M9Q2ZT7A', { as: 'admin' });
    const officer = await runtime.request('/v1/imports/IMP-20261206-K3M9Q2ZT7A', { as: 'officer' });

    // Assess
    expect([tooLarge.status, ((await tooLarge.json()) as { code: string }).code]).toEqual([
      413,
      'IMPORT_FILE_TOO_LARGE',
    ]);
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([422, 'IMPORT_UPLOAD_MISSING']);
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'IMPORT_NOT_FOUND']);
    expect(officer.status).toBe(403);
  });
});
