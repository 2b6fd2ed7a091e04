/**
 * The import file reader: CSV in UTF-8, UTF-8 with a BOM and GB18030; XLSX through exceljs; headers mapped, refused
 * when unknown, doubled or missing; formula and merged cells flagged rather than taken; file-level refusals with
 * their codes.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { fileImportReader } from '../../../../lambdas/adapters/import/file-reader';
import { PermitError } from '../../../../lambdas/domain/errors';
import type { RawImportRow } from '../../../../lambdas/domain/import/import-row';
import { IMPORT_FILE_MAX_BYTES, type ImportSource } from '../../../../lambdas/ports/import-file-reader';

const HEADER = ['企业名称', '统一社会信用代码', '住所', '生产地址', '产品/单元', '证书编号', '发证日期', '有效期至'];
const ROW = [
  '武汉示例机械制造有限公司',
  '91420100MA4K0A0A1E',
  '湖北省武汉市江岸区示例路1号',
  '湖北省武汉市江岸区示例路2号',
  '水泥',
  '(鄂)XK08-001-00001',
  '2023-05-10',
  '2028-05-09',
];
const csv = (...lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function readAll(source: ImportSource): Promise<RawImportRow[]> {
  const rows: RawImportRow[] = [];
  for await (const row of fileImportReader().read(source)) rows.push(row);
  return rows;
}

async function refusal(source: ImportSource): Promise<PermitError> {
  try {
    await readAll(source);
  } catch (error) {
    if (error instanceof PermitError) return error;
    throw error;
  }
  throw new Error('the reader accepted the file');
}

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('证书'));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('CSV encodings', () => {
  const text = csv(HEADER.join(','), ROW.join(','));
  test.each([
    ['UTF-8', utf8(text)],
    ['UTF-8 with a BOM', utf8(`\uFEFF${text}`)],
    ['GB18030', new Uint8Array(iconv.encode(text, 'gb18030'))],
    ['GB18030 with its BOM (84 31 95 33)', new Uint8Array([0x84, 0x31, 0x95, 0x33, ...iconv.encode(text, 'gb18030')])],
  ])('reads Chinese names and values right in %s', async (_name, bytes) => {
    // Prepare: the same file in each encoding
    // Act
    const rows = await readAll({ format: 'csv', bytes });
    // Assess
    expect(rows).toEqual([
      {
        row: 2,
        values: {
          enterpriseName: '武汉示例机械制造有限公司',
          uscc: '91420100MA4K0A0A1E',
          domicile: '湖北省武汉市江岸区示例路1号',
          productionAddress: '湖北省武汉市江岸区示例路2号',
          product: '水泥',
          licenceNo: '(鄂)XK08-001-00001',
          issueDate: '2023-05-10',
          validUntil: '2028-05-09',
        },
      },
    ]);
  });

  test('refuses bytes that are neither UTF-8 nor GB18030 (Latin-1 text)', async () => {
    // Prepare: é (0xE9) followed by a comma is no GB18030 pair, and alone no UTF-8
    const bytes = new Uint8Array(iconv.encode(csv(HEADER.join(','), `Caf\u00e9,${ROW.slice(1).join(',')}`), 'latin1'));
    // Act
    const error = await refusal({ format: 'csv', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_ENCODING_INVALID');
    expect(error.kind).toBe('invalid');
  });

  test('refuses random bytes with no valid encoding', async () => {
    // Prepare
    const bytes = new Uint8Array([0x80, 0xff, 0x2c, 0x81, 0x0a]);
    // Act
    const error = await refusal({ format: 'csv', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_ENCODING_INVALID');
  });
});

describe('CSV rows', () => {
  test('a quoted cell spanning lines keeps each row at its first line; blank rows are skipped; values trimmed', async () => {
    // Prepare
    const multiLine = ['"武汉示例\n机械制造有限公司"', ...ROW.slice(1)].join(',');
    const padded = ROW.map((v, i) => (i === 4 ? '  水泥  ' : v)).join(',');
    const text = csv(HEADER.join(','), multiLine, '', ',,,,,,,', padded);
    // Act
    const rows = await readAll({ format: 'csv', bytes: utf8(text) });
    // Assess: line 1 header, 2–3 the quoted cell, 4 empty, 5 commas only, 6 the last row
    expect(rows.map((r) => r.row)).toEqual([2, 6]);
    expect(rows[0]?.values.enterpriseName).toBe('武汉示例\n机械制造有限公司');
    expect(rows[1]?.values.product).toBe('水泥');
  });

  test('an empty cell is absent, and optional columns may be left out', async () => {
    // Prepare
    const text = csv([...HEADER, '状态'].join(','), [...ROW, ''].join(','));
    // Act
    const [row] = await readAll({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(row?.values).not.toHaveProperty('status');
    expect(Object.keys(row?.values ?? {})).toHaveLength(8);
  });

  test('an unclosed quote makes the file unreadable rather than half a row', async () => {
    // Prepare
    const text = csv(HEADER.join(','), `"武汉示例,${ROW.slice(1).join(',')}`);
    // Act
    const error = await refusal({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(error.code).toBe('IMPORT_FILE_UNREADABLE');
  });
});

describe('headers', () => {
  test('names each missing required column by its Chinese header', async () => {
    // Prepare
    const text = csv(HEADER.slice(0, 6).join(','), ROW.slice(0, 6).join(','));
    // Act
    const error = await refusal({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(error.code).toBe('IMPORT_HEADER_MISSING');
    expect(error.message).toContain('发证日期');
    expect(error.message).toContain('有效期至');
    expect(error.message).not.toContain('企业名称');
  });

  test('refuses a header that maps to nothing, naming it', async () => {
    // Prepare
    const text = csv([...HEADER, '备注'].join(','), [...ROW, '无'].join(','));
    // Act
    const error = await refusal({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(error.code).toBe('IMPORT_HEADER_UNKNOWN');
    expect(error.message).toContain('备注');
  });

  test('refuses two headers for one column', async () => {
    // Prepare: both are names of the licence number
    const text = csv([...HEADER, '许可证编号'].join(','), [...ROW, '(鄂)XK08-001-00002'].join(','));
    // Act
    const error = await refusal({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(error.code).toBe('IMPORT_HEADER_DUPLICATE');
  });

  test('a custom mapping adds names; headers match after NFKC and trimming', async () => {
    // Prepare: 单位名称 mapped by the caller; 产品／单元 in full-width form with spaces
    const header = ['单位名称', ...HEADER.slice(1)].map((h) => (h === '产品/单元' ? ' 产品／单元 ' : h));
    const text = csv(header.join(','), ROW.join(','));
    // Act
    const rows = await readAll({ format: 'csv', bytes: utf8(text), headers: { 单位名称: 'enterpriseName' } });
    // Assess
    expect(rows[0]?.values.enterpriseName).toBe('武汉示例机械制造有限公司');
    expect(rows[0]?.values.product).toBe('水泥');
  });

  test('refuses a value under a blank header rather than dropping it', async () => {
    // Prepare
    const text = csv([...HEADER, ''].join(','), [...ROW, '多余'].join(','));
    // Act
    const error = await refusal({ format: 'csv', bytes: utf8(text) });
    // Assess
    expect(error.code).toBe('IMPORT_HEADER_UNKNOWN');
  });
});

describe('XLSX', () => {
  test('reads text, numbers and dates; flags formula and merged cells', async () => {
    // Prepare: row 3 shares the enterprise of row 2 through a vertical merge; row 4 has a formula
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([...ROW.slice(0, 6), new Date(Date.UTC(2023, 4, 10)), 20280509]);
      sheet.addRow(['', ...ROW.slice(1, 4), '水泥熟料', ...ROW.slice(5)]);
      sheet.mergeCells('A2:A3');
      sheet.addRow([...ROW.slice(0, 5), { formula: 'F2', result: '(鄂)XK08-001-00001' }, ...ROW.slice(6)]);
      sheet.addRow([]);
      sheet.addRow([...ROW]);
    });
    // Act
    const rows = await readAll({ format: 'xlsx', bytes });
    // Assess
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 6]);
    expect(rows[0]?.values.enterpriseName).toBe('武汉示例机械制造有限公司');
    expect(rows[0]?.values.issueDate).toBe('2023-05-10');
    expect(rows[0]?.values.validUntil).toBe('20280509');
    expect(rows[0]?.flags).toBeUndefined();
    expect(rows[1]?.flags).toEqual({ merged: ['enterpriseName'] });
    expect(rows[1]?.values).not.toHaveProperty('enterpriseName');
    expect(rows[1]?.values.product).toBe('水泥熟料');
    expect(rows[2]?.flags).toEqual({ formula: ['licenceNo'] });
    expect(rows[2]?.values).not.toHaveProperty('licenceNo');
    expect(rows[3]?.values.uscc).toBe('91420100MA4K0A0A1E');
  });

  test('a date with a time of day keeps the date the sheet shows; a row with only a merge tail is blank', async () => {
    // Prepare: exceljs hands a wall-clock serial over as a UTC instant; 20:00 must not roll over to the next day
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([...ROW.slice(0, 6), new Date(Date.UTC(2023, 4, 10, 20, 0)), ROW[7]]);
      sheet.addRow([]);
      sheet.mergeCells('A2:A3');
    });
    // Act
    const rows = await readAll({ format: 'xlsx', bytes });
    // Assess
    expect(rows).toHaveLength(1);
    expect(rows[0]?.values.issueDate).toBe('2023-05-10');
  });

  test('a missing header column is refused as in CSV', async () => {
    // Prepare
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER.slice(1));
      sheet.addRow(ROW.slice(1));
    });
    // Act
    const error = await refusal({ format: 'xlsx', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_HEADER_MISSING');
    expect(error.message).toContain('企业名称');
  });

  test('a CSV declared as XLSX, and an empty worksheet, are unreadable', async () => {
    // Prepare
    const notXlsx = utf8(csv(HEADER.join(','), ROW.join(',')));
    const empty = await xlsx(() => {});
    // Act
    const errors = [await refusal({ format: 'xlsx', bytes: notXlsx }), await refusal({ format: 'xlsx', bytes: empty })];
    // Assess
    expect(errors.map((e) => e.code)).toEqual(['IMPORT_FILE_UNREADABLE', 'IMPORT_FILE_UNREADABLE']);
  });

  test('a workbook without a worksheet is unreadable', async () => {
    // Prepare
    const bytes = new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer());
    // Act
    const error = await refusal({ format: 'xlsx', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_FILE_UNREADABLE');
  });
});

describe('file-level limits', () => {
  test('refuses 50 MiB + 1 byte as too large (413 kind)', async () => {
    // Prepare
    const bytes = new Uint8Array(IMPORT_FILE_MAX_BYTES + 1);
    // Act
    const error = await refusal({ format: 'csv', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_FILE_TOO_LARGE');
    expect(error.kind).toBe('too-large');
  });

  test.each(['csv', 'xlsx'] as const)('refuses an empty %s file as unreadable', async (format) => {
    // Prepare
    const bytes = new Uint8Array(0);
    // Act
    const error = await refusal({ format, bytes });
    // Assess
    expect(error.code).toBe('IMPORT_FILE_UNREADABLE');
  });

  test('a CSV of blank lines only has no header row and is unreadable', async () => {
    // Prepare
    const bytes = utf8('\r\n\r\n');
    // Act
    const error = await refusal({ format: 'csv', bytes });
    // Assess
    expect(error.code).toBe('IMPORT_FILE_UNREADABLE');
  });
});
