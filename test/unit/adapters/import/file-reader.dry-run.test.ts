/**
 * The dry run's two halves together, as an authority's export reaches them: a GB18030 CSV from Excel on Chinese
 * Windows, one row per product unit, through the file reader and the import plan. The report names exactly the bad
 * rows; the good licences become one draft each, merged across their rows.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileImportReader } from '../../../../lambdas/adapters/import/file-reader';
import { seedCatalogue } from '../../../../lambdas/domain/catalogue-seed';
import { planImport } from '../../../../lambdas/domain/import/import-plan';
import { importReport, importReportCsv } from '../../../../lambdas/domain/import/import-report';
import type { RawImportRow } from '../../../../lambdas/domain/import/import-row';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';

const A = usccWithCheck('91420100MA4K00011');
const B = usccWithCheck('91420100MA4K00012');
const C = usccWithCheck('91420100MA4K00013');
const badUscc = `${A.slice(0, 17)}${A.endsWith('0') ? '1' : '0'}`;

const csv = [
  '企业名称,统一社会信用代码,住所,生产地址,产品/单元,证书编号,发证日期,有效期至,状态',
  `武汉长江线缆有限公司,${A},武汉市汉阳区龙阳大道1号,武汉市汉阳区龙阳大道1号,06-001,(鄂)XK06-001-00101,2024-03-01,2029-02-28,有效`,
  `武汉长江线缆有限公司,${A},武汉市汉阳区龙阳大道1号,"武汉市蔡甸区工业园2号,3栋",06-001,(鄂)XK06-001-00101,2024-03-01,2029-02-28,有效`,
  `黄石示例水泥有限公司,${badUscc},黄石市下陆区示例路3号,黄石市下陆区示例路3号,06-001,(鄂)XK06-001-00102,2024-05-01,2029-04-30,有效`,
  `河北示例线缆有限公司,${B},石家庄市示例路4号,石家庄市示例路4号,06-001,(冀)XK06-001-00103,2024-05-01,2029-04-30,有效`,
  `宜昌示例线缆有限公司,${C},宜昌市示例路5号,宜昌市示例路5号,06-001,(鄂)XK06-001-00104,2019-01-10,2024-01-09,过期`,
].join('\r\n');

async function collect(rows: AsyncIterable<RawImportRow>): Promise<RawImportRow[]> {
  const out: RawImportRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('a dry run of a GB18030 export', () => {
  it('reports exactly the bad rows, merges the good licence’s rows and keeps the expired licence', async () => {
    // Prepare
    const bytes = new Uint8Array(iconv.encode(csv, 'gb18030'));
    // Act
    const rows = await collect(fileImportReader().read({ format: 'csv', bytes }));
    const plan = planImport(rows, { catalogue: seedCatalogue(), province: '鄂', today: '2026-12-06' });
    const report = importReport(plan);
    // Assess: rows as a spreadsheet numbers them (a quoted address holds a comma)
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[1]?.values.productionAddress).toBe('武汉市蔡甸区工业园2号,3栋');
    expect(rows[0]?.values.enterpriseName).toBe('武汉长江线缆有限公司');
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'uscc', 'ROW_USCC_INVALID'],
      [5, 'licenceNo', 'ROW_LICENCE_PROVINCE'],
    ]);
    expect(plan.drafts.map((d) => d.licenceNo.toString())).toEqual(['(鄂)XK06-001-00101', '(鄂)XK06-001-00104']);
    expect(plan.drafts[0]?.enterprise.productionAddresses).toHaveLength(2);
    expect(plan.drafts[1]).toMatchObject({ expired: true });
    expect(report).toMatchObject({ rows: 5, valid: 3, invalid: 2 });
    expect(importReportCsv(plan.problems).split('\r\n')[0]).toBe('\ufeffrow,column,code,message');
  });
});
