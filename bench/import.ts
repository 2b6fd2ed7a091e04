/**
 * Issue 19's figure: a licence import of 10,000 rows through the local runtime as `npm start` runs it (DynamoDB Local
 * on disk, the import worker on its own queue poller), against the same run's plain issuance rate — `POST
 * /v1/certificates` from 4 concurrent clients, the concurrency the worker issues at (a batch of 4 chunks side by
 * side) — and the process's memory (RSS) at the start, its peak and the end of the import.
 *
 * The import's rate counts every row from the moment the run was accepted (the check of the file included) to the
 * last chunk recorded. Rows are in a GB18030 CSV, one licence each.
 *
 * `npm run bench -- import` · `BENCH_QUICK=1 npm run bench -- import` (1,000 rows)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { usccWithCheck } from '../lambdas/domain/uscc';
import { silentLog } from '../lib/local/log';
import { startLocalRuntime } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, median, round } from './harness';

const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = QUICK ? 1_000 : 10_000;
const PLAIN = QUICK ? 120 : 400;
const CLIENTS = 4;
const TARGET_RATIO = 0.9;
const MIB = 1024 * 1024;

const HEADER = '企业名称,统一社会信用代码,住所,生产地址,产品/单元,证书编号,发证日期,有效期至,状态';

function importFile(): Buffer {
  const lines = [HEADER];
  for (let n = 1; n <= ROWS; n += 1) {
    const uscc = usccWithCheck(`914201006${String(n).padStart(8, '0')}`);
    lines.push(
      `湖北存量线缆第${n}有限公司,${uscc},湖北省武汉市江汉区示例路${n}号,湖北省武汉市东西湖区示例工业园${n}号,` +
        `电线电缆,(鄂)XK06-001-${String(n).padStart(5, '0')},2023-03-01,2028-02-28,有效`,
    );
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
}

async function run(): Promise<readonly BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-import-'));
  const runtime = await startLocalRuntime({ dataDir, schedules: false, log: silentLog() });
  const call = async (path: string, as: 'officer' | 'admin', body?: unknown, key?: string): Promise<Response> =>
    fetch(`${runtime.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${runtime.tokens[as]}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  try {
    // The baseline: plain issuances over HTTP, 4 clients (other products than the import's, so no serial is shared).
    let next = 0;
    const issue = async (seed: number) => {
      const res = await call(
        '/v1/certificates',
        'officer',
        {
          enterprise: {
            name: `湖北新证机械第${seed}有限公司`,
            uscc: usccWithCheck(`914201007${String(seed).padStart(8, '0')}`),
            domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
            productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
          },
          products: ['05-001'],
        },
        `bench-plain-${seed}`,
      );
      if (res.status !== 201) throw new Error(`plain issuance answered ${res.status}: ${await res.text()}`);
    };
    for (let i = 0; i < 12; i += 1) await issue(100_000 + i); // warm-up
    const plainStarted = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < PLAIN) await issue(++next);
      }),
    );
    const plainRate = (PLAIN / (performance.now() - plainStarted)) * 1000;

    // The import.
    const bytes = importFile();
    const granted = (await (
      await call('/v1/imports/uploads', 'admin', { format: 'csv', size: bytes.length })
    ).json()) as {
      uploadId: string;
      upload: { url: string; fields: Record<string, string> };
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(granted.upload.fields)) form.append(name, value);
    form.append(
      'file',
      new Blob([new Uint8Array(bytes)], { type: granted.upload.fields['Content-Type'] ?? '' }),
      'x.csv',
    );
    const sent = await fetch(granted.upload.url, { method: 'POST', body: form });
    if (sent.status >= 300) throw new Error(`upload refused: ${sent.status}`);

    global.gc?.();
    const rss: number[] = [process.memoryUsage().rss];
    const importStarted = performance.now();
    const started = (await (
      await call('/v1/imports', 'admin', { uploadId: granted.uploadId, format: 'csv', dryRun: false })
    ).json()) as { id: string };
    let progress: { done: number; failed: number; finished: boolean } = { done: 0, failed: 0, finished: false };
    let checkedAfter: number | undefined;
    while (!progress.finished) {
      await delay(200);
      rss.push(process.memoryUsage().rss);
      const view = (await (await call(`/v1/imports/${started.id}`, 'admin')).json()) as {
        state: string;
        progress: typeof progress;
      };
      progress = view.progress;
      if (checkedAfter === undefined && view.state !== 'planning') checkedAfter = performance.now() - importStarted;
    }
    const seconds = (performance.now() - importStarted) / 1000;
    rss.push(process.memoryUsage().rss);
    const importRate = progress.done / seconds;
    const ratio = importRate / plainRate;
    const peak = Math.max(...rss);
    return [
      {
        metric: `plain issuance over HTTP, ${CLIENTS} clients (${PLAIN} issuances)`,
        value: plainRate.toFixed(1),
        unit: '/s',
      },
      {
        metric: `import of ${ROWS.toLocaleString('en-US')} rows, accepted → last chunk (the check included)`,
        value: importRate.toFixed(1),
        unit: 'rows/s',
      },
      {
        metric: 'import rate / plain issuance rate',
        value: ratio.toFixed(2),
        target: `≥ ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO && progress.done === ROWS && progress.failed === 0,
      },
      { metric: 'rows imported / failed', value: `${progress.done} / ${progress.failed}` },
      {
        metric: 'the check of the file (read, validate, register, layout)',
        value: round((checkedAfter ?? 0) / 1000, 1),
        unit: 's',
      },
      { metric: 'import wall time', value: round(seconds, 1), unit: 's' },
      {
        metric: 'RSS start / peak / end (whole runtime in this process)',
        value: `${round((rss[0] as number) / MIB, 0)} / ${round(peak / MIB, 0)} / ${round((rss.at(-1) as number) / MIB, 0)}`,
        unit: 'MiB',
      },
      { metric: 'RSS median during the import', value: round(median(rss) / MIB, 0), unit: 'MiB' },
    ];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default {
  name: 'import',
  description: 'a 10,000-row licence import through the local runtime against plain issuance, with memory',
  run,
} satisfies BenchModule;
