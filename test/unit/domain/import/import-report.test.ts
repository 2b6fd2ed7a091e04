import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCatalogue } from '../../../../lambdas/domain/catalogue-seed';
import { planImport } from '../../../../lambdas/domain/import/import-plan';
import { importReport, importReportCsv } from '../../../../lambdas/domain/import/import-report';
import type { ImportProblem } from '../../../../lambdas/domain/import/import-row';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';

const values = {
  enterpriseName: '武汉示例线缆有限公司',
  uscc: usccWithCheck('91420100MA4K00001'),
  domicile: '武汉市江汉区示例路1号',
  productionAddress: '武汉市东西湖区示例工业园2号',
  product: '06-001',
  licenceNo: '(鄂)XK06-001-00001',
  issueDate: '2024-03-01',
  validUntil: '2029-02-28',
};

describe('importReportCsv', () => {
  it('writes a BOM, the header and one CRLF line per problem', () => {
    // Prepare
    const problems: ImportProblem[] = [
      { row: 7, column: 'uscc', code: 'ROW_USCC_INVALID', message: 'check' },
      { row: null, column: null, code: 'ROW_FIELD_MISSING', message: 'file' },
    ];

    // Act
    const csv = importReportCsv(problems);

    // Assess
    expect(csv).toBe('\uFEFFrow,column,code,message\r\n7,uscc,ROW_USCC_INVALID,check\r\n,,ROW_FIELD_MISSING,file\r\n');
  });

  it('quotes commas, quotes and line breaks, keeps Chinese, and defuses formulas', () => {
    // Prepare
    const message = '名称"武汉,线缆"\n第二行';
    const problems: ImportProblem[] = [
      { row: 2, column: 'enterpriseName', code: 'ROW_CONFLICTING_ROWS', message },
      { row: 3, column: 'domicile', code: 'ROW_TEXT_TOO_LONG', message: '=HYPERLINK("http://x")' },
    ];

    // Act
    const csv = importReportCsv(problems);

    // Assess
    expect(csv).toContain('"名称""武汉,线缆""\n第二行"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('round-trips any message through a CSV parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat({ max: 100_000 }), (message, row) => {
        // Prepare
        const problem: ImportProblem = { row, column: 'product', code: 'ROW_PRODUCT_UNKNOWN', message };

        // Act
        const records: string[][] = parse(importReportCsv([problem]), { bom: true });

        // Assess
        const back = records[1]?.[3] ?? '';
        expect(records[0]).toEqual(['row', 'column', 'code', 'message']);
        expect(records[1]?.slice(0, 3)).toEqual([String(row), 'product', 'ROW_PRODUCT_UNKNOWN']);
        expect(/^[=+\-@\t\r]/u.test(message) ? back.slice(1) : back).toBe(message);
      }),
    );
  });
});

describe('importReport', () => {
  it('counts rows, valid rows and invalid rows', () => {
    // Prepare: a good licence of two rows, one bad row of another
    const plan = planImport(
      [
        { row: 2, values },
        { row: 3, values: { ...values, product: '05-001' } },
        { row: 4, values: { ...values, licenceNo: '(鄂)XK06-001-00002', uscc: 'bad' } },
      ],
      { catalogue: seedCatalogue(), province: '鄂', today: '2026-12-06' },
    );

    // Act
    const report = importReport(plan);

    // Assess
    expect(report).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([[4, 'ROW_USCC_INVALID']]);
  });
});
