/**
 * Issue 4's figure: full issuances per second through `issueCertificate` against the embedded emulators (DynamoDB
 * Local on disk, as `npm start` runs it, and s3rver) — idempotency look-up, serial reservation, signing, rendering, the
 * S3 put and the one-transaction commit — with p50/p99, and render + sign alone from the same run for comparison.
 *
 * `npm run bench -- issuance` · `BENCH_QUICK=1 npm run bench -- issuance` (fewer issuances)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintableCertificate } from '../lambdas/domain/certificate';
import { usccWithCheck } from '../lambdas/domain/uscc';
import { silentLog } from '../lib/local/log';
import { startLocalRuntime } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, median, percentile, sample } from './harness';

const QUICK = process.env.BENCH_QUICK === '1';
const SEQUENTIAL = QUICK ? 40 : 150;
const CONCURRENT = QUICK ? 80 : 400;
const CONCURRENCY = 8;
const TARGET_PER_SECOND = 25;

async function run(): Promise<readonly BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-issuance-'));
  const runtime = await startLocalRuntime({ dataDir, pollers: false, schedules: false, log: silentLog() });
  try {
    // Modules that read configuration load after the runtime has set the environment (their cold start).
    const { issuanceDeps } = await import('../lambdas/composition/issuance');
    const { issueCertificate } = await import('../lambdas/use-cases/issue-certificate');
    const { signCertificateClaims } = await import('../lambdas/domain/signing/qr-claims');
    const deps = await issuanceDeps();
    let seed = 0;
    const issueOne = async () => {
      seed++;
      await issueCertificate(deps, {
        change: {
          kind: 'licence',
          enterprise: {
            name: `湖北长江线缆第${seed}有限公司`,
            uscc: usccWithCheck(`914201007${String(seed).padStart(8, '0')}`),
            domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
            productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
          },
          products: [seed % 2 === 0 ? '06-001' : '05-001'],
        },
        actor: { type: 'user', id: 'bench-officer', role: 'officer' },
        idempotencyKey: `bench:${process.pid}:${seed}`,
        source: 'bench',
      });
    };

    await sample(20, issueOne); // warm-up: JIT, font subsets, connections
    const sequential = await sample(SEQUENTIAL, issueOne);

    const underLoad: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONCURRENT) {
          next++;
          const t = performance.now();
          await issueOne();
          underLoad.push(performance.now() - t);
        }
      }),
    );
    const perSecond = (CONCURRENT / (performance.now() - started)) * 1000;

    // Render + sign alone, the same certificate content, in the same process and run.
    const signer = await deps.signer();
    const printable = {
      licenceNumber: '(鄂)XK06-001-00001',
      licenceNumberUrlSafe: '42-XK06-001-00001',
      version: 1,
      paperSerial: '20260000001',
      enterpriseName: '湖北长江线缆第1有限公司',
      uscc: usccWithCheck('91420100700000001'),
      domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
      productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
      products: [{ code: 'XK06-001', zh: '电线电缆', en: 'Wires and cables' }],
      issueDate: '2026-11-27',
      validFrom: '2026-11-27',
      validUntil: '2031-11-26',
      issuingAuthority: '湖北省市场监督管理局',
    } as const;
    const renderOnly = await sample(SEQUENTIAL, async () => {
      const { qrText } = await signCertificateClaims(
        {
          licenceNo: printable.licenceNumber,
          version: 1,
          uscc: printable.uscc,
          issueDate: printable.issueDate,
          validUntil: printable.validUntil,
          signedAt: Math.floor(Date.now() / 1000),
        },
        signer,
        runtime.baseUrl,
      );
      await deps.renderer.render(printable as unknown as PrintableCertificate, qrText);
    });

    const full = median(sequential);
    return [
      {
        metric: `issuances/s at concurrency ${CONCURRENCY} (${CONCURRENT} issuances)`,
        value: perSecond.toFixed(1),
        unit: '/s',
        target: `≥ ${TARGET_PER_SECOND}`,
        pass: perSecond >= TARGET_PER_SECOND,
      },
      {
        metric: `latency under load p50 / p99`,
        value: `${median(underLoad).toFixed(1)} / ${percentile(underLoad, 99).toFixed(1)}`,
        unit: 'ms',
      },
      {
        metric: `one at a time p50 / p99 (${SEQUENTIAL} issuances)`,
        value: `${full.toFixed(1)} / ${percentile(sequential, 99).toFixed(1)}`,
        unit: 'ms',
      },
      { metric: 'render + sign only, median (same run)', value: median(renderOnly).toFixed(2), unit: 'ms' },
      {
        metric: 'share of a full issuance spent rendering + signing',
        value: `${((median(renderOnly) / full) * 100).toFixed(0)} %`,
      },
    ];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default {
  name: 'issuance',
  description: 'full issuances through the use case against the emulators, with the render-only figure',
  run,
} satisfies BenchModule;
