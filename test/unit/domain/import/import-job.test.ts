import { describe, expect, it } from 'vitest';
import {
  effectiveImportState,
  type ImportJob,
  importFindings,
  importProgress,
  isImportId,
  isUploadId,
} from '../../../../lambdas/domain/import/import-job';

const job = (overrides: Partial<ImportJob> = {}, counts: Partial<ImportJob['counts']> = {}): ImportJob => ({
  id: 'IMP-20261206-K3M9Q2ZT7A',
  dryRun: false,
  state: 'running',
  source: { uploadId: 'UPL-20261206-K3M9Q2ZT7A', format: 'csv', paperCopy: false },
  requestedBy: { type: 'user', id: 'admin-demo', role: 'admin' },
  createdAt: '2026-12-06T02:00:00.000Z',
  plannedAt: '2026-12-06T02:00:10.000Z',
  counts: {
    rows: 1000,
    invalidRows: 10,
    licences: 990,
    chunks: 40,
    chunksDone: 10,
    importedRows: 248,
    failedRows: 2,
    ...counts,
  },
  ...overrides,
});

describe('importProgress', () => {
  it('counts rows done, failed (checked and imported) and pending, with the rate since the run began and the time left', () => {
    // Act: 100 s after the check ended, 250 rows worked
    const progress = importProgress(job(), new Date('2026-12-06T02:01:50.000Z'));

    // Assess
    expect(progress).toEqual({
      total: 1000,
      done: 248,
      failed: 12,
      pending: 740,
      rowsPerSecond: 2.5,
      etaSeconds: 296,
      finished: false,
    });
  });

  it('has no rate before the first chunk, and nothing pending once finished', () => {
    // Act
    const early = importProgress(job({}, { chunksDone: 0, importedRows: 0, failedRows: 0 }), new Date());
    const checked = importProgress(job({ dryRun: true, state: 'checked' }, { chunks: 0, importedRows: 0 }), new Date());

    // Assess
    expect([early.rowsPerSecond, early.etaSeconds, early.pending]).toEqual([null, null, 990]);
    expect([checked.finished, checked.pending, checked.rowsPerSecond, checked.etaSeconds]).toEqual([true, 0, null, 0]);
  });

  it('reads a running job whose every chunk is recorded as done, before its record says so', () => {
    // Act
    const state = effectiveImportState(job({}, { chunksDone: 40 }));

    // Assess
    expect(state).toBe('done');
    expect(importProgress(job({}, { chunksDone: 40 }), new Date()).finished).toBe(true);
  });
});

describe('importFindings', () => {
  it('lists the check’s findings and one per row of each licence that failed to import, in row order', () => {
    // Act
    const findings = importFindings(
      [{ row: 9, column: 'uscc', code: 'ROW_USCC_INVALID', message: 'bad' }],
      [
        { rows: [2], licenceNo: '(鄂)XK06-001-00001', result: 'imported' },
        {
          rows: [3, 12],
          licenceNo: '(鄂)XK06-001-00002',
          result: 'failed',
          code: 'ROW_ALREADY_REGISTERED',
          message: 'm',
        },
      ],
    );

    // Assess
    expect(findings.map((f) => [f.row, f.code])).toEqual([
      [3, 'ROW_ALREADY_REGISTERED'],
      [9, 'ROW_USCC_INVALID'],
      [12, 'ROW_ALREADY_REGISTERED'],
    ]);
  });
});

describe('ids', () => {
  it('tells import and upload ids by their shape', () => {
    expect([isImportId('IMP-20261206-K3M9Q2ZT7A'), isImportId('IMP-20261206-K3M9Q2ZT7'), isImportId('x')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isUploadId('UPL-20261206-K3M9Q2ZT7A'), isUploadId('IMP-20261206-K3M9Q2ZT7A')]).toEqual([true, false]);
  });
});
