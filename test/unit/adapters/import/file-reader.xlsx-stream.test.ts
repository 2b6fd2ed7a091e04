/**
 * The import file reader's streamed XLSX path: merged ranges found in a first pass over the sheet and flagged on every
 * cell of a merge but its first, the first worksheet found through the workbook (not by file name), shared strings
 * and dates as the whole-workbook reader read them, and a large sheet read whole with its Chinese text intact.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { fileImportReader } from '../../../../lambdas/adapters/import/file-reader';
import { PermitError } from '../../../../lambdas/domain/errors';
import type { RawImportRow } from '../../../../lambdas/domain/import/import-row';

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

async function readAll(bytes: Uint8Array): Promise<RawImportRow[]> {
  const rows: RawImportRow[] = [];
  for await (const row of fileImportReader().read({ format: 'xlsx', bytes })) rows.push(row);
  return rows;
}

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('证书'), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('merged cells', () => {
  test('a merge down rows A2:A4 flags rows 3 and 4, not row 2, which holds the value', async () => {
    // Prepare
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow(ROW);
      sheet.addRow(['', ...ROW.slice(1, 4), '水泥熟料', ...ROW.slice(5)]);
      sheet.addRow(['', ...ROW.slice(1, 4), '石灰', ...ROW.slice(5)]);
      sheet.mergeCells('A2:A4');
    });
    // Act
    const rows = await readAll(bytes);
    // Assess
    expect(rows.map((r) => [r.row, r.flags])).toEqual([
      [2, undefined],
      [3, { merged: ['enterpriseName'] }],
      [4, { merged: ['enterpriseName'] }],
    ]);
    expect(rows[0]?.values.enterpriseName).toBe('武汉示例机械制造有限公司');
    expect(rows[2]?.values.product).toBe('石灰');
  });

  test('a merge across columns C2:D2 flags the production address, not the domicile', async () => {
    // Prepare
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow(ROW);
      sheet.mergeCells('C2:D2');
    });
    // Act
    const [row] = await readAll(bytes);
    // Assess
    expect(row?.flags).toEqual({ merged: ['productionAddress'] });
    expect(row?.values.domicile).toBe('湖北省武汉市江岸区示例路1号');
    expect(row?.values).not.toHaveProperty('productionAddress');
  });

  test('the tail of a merge past the last cell of its row is flagged all the same', async () => {
    // Prepare: H2:H3, and row 3 stops at column G (exceljs writes an empty <c r="H3"/>; other writers need not)
    const zip = await JSZip.loadAsync(
      await xlsx((sheet) => {
        sheet.addRow(HEADER);
        sheet.addRow(ROW);
        sheet.addRow([...ROW.slice(0, 4), '水泥熟料', ...ROW.slice(5, 7)]);
        sheet.mergeCells('H2:H3');
      }),
    );
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<c r="H3"[^>]*\/>/, ''));
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    // Act
    const rows = await readAll(bytes);
    // Assess
    expect(xml).toMatch(/<c r="H3"[^>]*\/>/);
    expect(rows.map((r) => [r.row, r.flags])).toEqual([
      [2, undefined],
      [3, { merged: ['validUntil'] }],
    ]);
  });

  test('a header merged across two columns reads as one name twice, and is refused as a duplicate', async () => {
    // Prepare: the header cell of column I is the tail of H1:I1
    const bytes = await xlsx((sheet) => {
      sheet.addRow([...HEADER, '']);
      sheet.addRow(ROW);
      sheet.mergeCells('H1:I1');
    });
    // Act
    const error = await readAll(bytes).catch((thrown: unknown) => thrown);
    // Assess
    expect(error).toBeInstanceOf(PermitError);
    expect((error as PermitError).code).toBe('IMPORT_HEADER_DUPLICATE');
  });
});

describe('the first worksheet', () => {
  test('is the first <sheet> of the workbook, even when its part is sheet2.xml', async () => {
    // Prepare: notes written first (sheet1.xml), licences second (sheet2.xml); then the workbook lists the licences first
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['说明']);
    const licences = workbook.addWorksheet('证书');
    licences.addRow(HEADER);
    licences.addRow(ROW);
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const listed = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const [notes = '', certificates = ''] = listed.match(/<sheet [^>]*\/>/g) ?? [];
    zip.file('xl/workbook.xml', listed.replace(`${notes}${certificates}`, `${certificates}${notes}`));
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    // Act
    const rows = await readAll(bytes);
    // Assess: the notes sheet's header 说明 would have been refused as unknown
    expect(certificates).toContain('证书');
    expect(rows.map((r) => [r.row, r.values.licenceNo])).toEqual([[2, '(鄂)XK08-001-00001']]);
  });

  test('skips a chart sheet listed before the worksheet', async () => {
    // Prepare: a chart sheet (a <sheet> whose relationship is a chartsheet) put first in the workbook
    const zip = await JSZip.loadAsync(
      await xlsx((sheet) => {
        sheet.addRow(HEADER);
        sheet.addRow(ROW);
      }),
    );
    const listed = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
    const chartRel =
      '<Relationship Id="rIdChart" Target="chartsheets/sheet1.xml" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"/>';
    zip.file('xl/workbook.xml', listed.replace('<sheets>', '<sheets><sheet name="图表" sheetId="9" r:id="rIdChart"/>'));
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', `${chartRel}</Relationships>`));
    zip.file('xl/chartsheets/sheet1.xml', '<chartsheet/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    // Act
    const rows = await readAll(bytes);
    // Assess
    expect(listed).toContain('<sheets>');
    expect(rows.map((r) => r.row)).toEqual([2]);
  });
});

describe('values', () => {
  test('parts stored in Excel’s order (the sheet before styles and shared strings) read the same', async () => {
    // Prepare: the same workbook re-stored with the worksheet first
    const written = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([...ROW.slice(0, 6), new Date(Date.UTC(2023, 4, 10)), ROW[7]]);
    });
    const original = await JSZip.loadAsync(written);
    const names = Object.keys(original.files).filter((name) => !original.files[name]?.dir);
    const excelOrder = [...names].sort(
      (a, b) => Number(!a.includes('worksheets/')) - Number(!b.includes('worksheets/')),
    );
    const reordered = new JSZip();
    for (const name of excelOrder) reordered.file(name, (await original.file(name)?.async('uint8array')) ?? '');
    const bytes = await reordered.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // Act
    const [before, after] = [await readAll(written), await readAll(bytes)];
    // Assess
    expect(excelOrder[0]).toBe('xl/worksheets/sheet1.xml');
    expect(after).toEqual(before);
    expect(after[0]?.values.issueDate).toBe('2023-05-10');
  });

  test('shared strings, repeated and rich, read as their text; an escaped carriage return is restored', async () => {
    // Prepare: exceljs writes every string once into xl/sharedStrings.xml and refers to it by index
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow(ROW);
      sheet.addRow([
        { richText: [{ text: '武汉示例', font: { bold: true } }, { text: '机械制造有限公司' }] },
        ...ROW.slice(1, 2),
        '湖北省武汉市_x000D_江岸区示例路1号',
        ...ROW.slice(3),
      ]);
    });
    const strings = await (await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')?.async('string');
    // Act
    const rows = await readAll(bytes);
    // Assess
    expect(strings).toContain('<t>水泥</t>');
    expect(rows[1]?.values).toEqual({ ...rows[0]?.values, domicile: '湖北省武汉市\r江岸区示例路1号' });
    expect(rows[1]?.values.enterpriseName).toBe('武汉示例机械制造有限公司');
  });

  test('a date cell reads as the date it shows, whatever its format, in a 1900 or a 1904 workbook', async () => {
    // Prepare
    const sheetWith = (date1904: boolean) =>
      xlsx((sheet, workbook) => {
        workbook.properties.date1904 = date1904;
        sheet.addRow(HEADER);
        const row = sheet.addRow([...ROW.slice(0, 6), new Date(Date.UTC(2023, 4, 10)), new Date(Date.UTC(2028, 4, 9))]);
        row.getCell(7).numFmt = 'yyyy"年"m"月"d"日"';
        row.getCell(8).numFmt = 'yyyy-mm-dd';
      });
    // Act
    const rows = [...(await readAll(await sheetWith(false))), ...(await readAll(await sheetWith(true)))];
    // Assess
    expect(rows.map((r) => [r.values.issueDate, r.values.validUntil])).toEqual([
      ['2023-05-10', '2028-05-09'],
      ['2023-05-10', '2028-05-09'],
    ]);
  });
});

describe('a large sheet', () => {
  test('20,000 rows of Chinese text come out whole, merges near the end of the sheet flagged', async () => {
    // Prepare: every value distinct, so the shared strings and the sheet span many inflated chunks
    const count = 20_000;
    const name = (i: number) => `湖北示例线缆有限公司第${i}号`;
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      for (let i = 0; i < count; i += 1) {
        sheet.addRow([name(i), ...ROW.slice(1, 2), `湖北省武汉市汉阳区示例路${i}号`, ...ROW.slice(3)]);
      }
      for (let r = 2; r + 1 <= count + 1; r += 10) sheet.mergeCells(`B${r}:B${r + 1}`);
    });
    // Act
    const rows = await readAll(bytes);
    // Assess
    expect(rows).toHaveLength(count);
    expect([rows[0]?.row, rows[0]?.values.enterpriseName]).toEqual([2, name(0)]);
    expect([rows.at(-1)?.row, rows.at(-1)?.values.enterpriseName]).toEqual([count + 1, name(count - 1)]);
    expect(rows.filter((r) => r.values.domicile !== `湖北省武汉市汉阳区示例路${r.row - 2}号`)).toEqual([]);
    expect(rows.filter((r) => r.values.enterpriseName !== name(r.row - 2))).toEqual([]);
    expect(rows.filter((r) => r.flags?.merged).map((r) => r.row)).toEqual(
      Array.from({ length: count / 10 }, (_, i) => 3 + 10 * i),
    );
  });

  test('a reader that stops after the first row leaves nothing running', async () => {
    // Prepare
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER);
      for (let i = 0; i < 2_000; i += 1) sheet.addRow(ROW);
    });
    // Act
    let first: RawImportRow | undefined;
    for await (const row of fileImportReader().read({ format: 'xlsx', bytes })) {
      first = row;
      break;
    }
    // Assess
    expect(first?.row).toBe(2);
  });
});
