import { describe, expect, it } from 'vitest';
import { formatDuration, parseImportArgs, progressLine, reportLines } from '../../../bin/import-lib';

const progress = { total: 10_000, done: 2_500, failed: 12, pending: 7_488, rowsPerSecond: 41.7, etaSeconds: 180 };

describe('parseImportArgs', () => {
  it('reads the file, its format from the extension, and the options', () => {
    expect(parseImportArgs(['存量.XLSX', '--dry-run', '--paper', '--url', 'http://x', '--report', 'r.csv'])).toEqual({
      file: '存量.XLSX',
      format: 'xlsx',
      dryRun: true,
      paper: true,
      url: 'http://x',
      report: 'r.csv',
    });
    expect(parseImportArgs(['export.txt', '--format', 'csv']).format).toBe('csv');
  });

  it.each([
    [[], 'give exactly one file'],
    [['a.csv', 'b.csv'], 'give exactly one file'],
    [['a.txt'], 'cannot tell the format'],
    [['a.csv', '--url'], '--url needs a value'],
    [['a.csv', '--force'], 'unknown option --force'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseImportArgs(argv)).toThrow(message);
  });
});

describe('progressLine', () => {
  it('draws the rows finished out of the total, the counts, the rate and the time left', () => {
    expect(progressLine('running', { ...progress, finished: false })).toBe(
      `[${'█'.repeat(8)}${'░'.repeat(22)}]  25% 2,512/10,000 rows · 2,500 imported · 12 failed · 41.7 rows/s · 3m 00s left`,
    );
  });

  it('says what it is doing while the file is checked, and sums up a dry run', () => {
    expect(progressLine('planning', { ...progress, finished: false })).toBe(
      `[${'░'.repeat(30)}]   0% checking the file…`,
    );
    expect(progressLine('checked', { ...progress, done: 0, finished: true })).toBe(
      `[${'█'.repeat(30)}] 100% 10,000 rows checked · 12 refused`,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [45, '45s'],
    [125, '2m 05s'],
    [3720, '1h 02m'],
  ])('%i s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('reportLines', () => {
  it('sums up, lists the first findings and says where the CSV is', () => {
    const problems = Array.from({ length: 22 }, (_, i) => ({
      row: i + 2,
      column: 'uscc' as const,
      code: 'ROW_USCC_INVALID',
      message: 'm',
    }));
    const lines = reportLines({
      id: 'IMP-1',
      state: 'done',
      dryRun: false,
      progress: { ...progress, done: 9_978, failed: 22, finished: true },
      problems,
      csvPath: '/tmp/r.csv',
    });
    expect(lines[0]).toBe('! IMP-1: 10000 rows — 9978 imported, 22 failed.');
    expect(lines[1]).toBe('  row 2 uscc: ROW_USCC_INVALID — m');
    expect(lines.slice(-2)).toEqual(['  … and 2 more findings', 'report: /tmp/r.csv']);
  });

  it('names the code of a refused file', () => {
    const lines = reportLines({
      id: 'IMP-1',
      state: 'failed',
      dryRun: true,
      progress: { ...progress, finished: true },
      problems: [],
      error: { code: 'IMPORT_HEADER_MISSING', message: 'missing 证书编号' },
    });
    expect(lines).toEqual(['✕ IMP-1: the file was refused — IMPORT_HEADER_MISSING: missing 证书编号']);
  });
});
