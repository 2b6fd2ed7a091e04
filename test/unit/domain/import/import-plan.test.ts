import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../../../lambdas/domain/catalogue';
import { seedCatalogue } from '../../../../lambdas/domain/catalogue-seed';
import { findImportProduct, parseImportDate, planImport } from '../../../../lambdas/domain/import/import-plan';
import type { ImportColumn, RawImportRow } from '../../../../lambdas/domain/import/import-row';
import { IMPORT_ROW_CODES } from '../../../../lambdas/domain/import/import-row-codes';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';

const catalogue = seedCatalogue();
const TODAY = '2026-12-06';
const ctx = { catalogue, province: '鄂', today: TODAY };
const USCC_A = usccWithCheck('91420100MA4K00001');
const USCC_B = usccWithCheck('91420100MA4K00002');

type Values = Partial<Record<ImportColumn, string>>;

const good = (overrides: Values = {}): Values => ({
  enterpriseName: '武汉示例线缆有限公司',
  uscc: USCC_A,
  domicile: '武汉市江汉区示例路1号',
  productionAddress: '武汉市东西湖区示例工业园2号',
  product: '06-001',
  licenceNo: '(鄂)XK06-001-00001',
  issueDate: '2024-03-01',
  validUntil: '2029-02-28',
  status: '有效',
  ...overrides,
});

/** The mailing columns of a row asking for a paper copy. */
const MAILING: Values = {
  recipient: '张三',
  phone: '138 1234 5678',
  mailingAddress: '武汉市江汉区示例路1号',
  postcode: '430000',
};

/** Rows numbered from 2, as a spreadsheet shows them under its header. */
const rows = (...values: Values[]): RawImportRow[] => values.map((v, i) => ({ row: i + 2, values: v }));

const codesOf = (plan: ReturnType<typeof planImport>) => plan.problems.map((p) => [p.row, p.column, p.code]);

describe('planImport: one good row', () => {
  it('makes one draft with every field read', () => {
    // Prepare
    const input = rows(good({ paperCopy: '是', ...MAILING }));

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toBe(1);
    expect(plan.drafts).toHaveLength(1);
    const [draft] = plan.drafts;
    expect(draft?.licenceNo.toString()).toBe('(鄂)XK06-001-00001');
    expect(draft).toMatchObject({
      rows: [2],
      enterprise: {
        name: '武汉示例线缆有限公司',
        uscc: USCC_A,
        domicile: '武汉市江汉区示例路1号',
        productionAddresses: ['武汉市东西湖区示例工业园2号'],
      },
      products: ['06-001'],
      issueDate: '2024-03-01',
      validUntil: '2029-02-28',
      status: 'valid',
      expired: false,
      paperCopy: {
        recipient: '张三',
        phone: '13812345678',
        address: { line: '武汉市江汉区示例路1号' },
        postcode: '430000',
      },
    });
  });

  it('accepts the URL-safe and full-width licence numbers, the province by code, and product names', () => {
    // Prepare
    const input = rows(
      good({ licenceNo: '42-XK06-001-00001', product: '电线电缆' }),
      good({ licenceNo: '（鄂）ＸＫ０６－００１－００００１', product: 'wires and cables' }),
    );

    // Act
    const plan = planImport(input, { ...ctx, province: '42' });

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.map((d) => d.products)).toEqual([['06-001']]);
  });
});

describe('planImport: each rule refuses a bad row', () => {
  const cases: [string, Values, ImportColumn, string][] = [
    ['a missing required field', { domicile: '' }, 'domicile', 'ROW_FIELD_MISSING'],
    ['a product cell of separators only', { product: '；、' }, 'product', 'ROW_FIELD_MISSING'],
    ['an absent required field', { productionAddress: undefined }, 'productionAddress', 'ROW_FIELD_MISSING'],
    ['a USCC with a wrong check character', { uscc: `${USCC_A.slice(0, 17)}0` }, 'uscc', 'ROW_USCC_INVALID'],
    ['a malformed licence number', { licenceNo: '鄂XK06-001' }, 'licenceNo', 'ROW_LICENCE_NO_INVALID'],
    ['a national licence number', { licenceNo: 'XK06-001-00001' }, 'licenceNo', 'ROW_LICENCE_NO_INVALID'],
    ['another province', { licenceNo: '(粤)XK06-001-00001' }, 'licenceNo', 'ROW_LICENCE_PROVINCE'],
    ['an unknown product', { product: '99-999' }, 'product', 'ROW_PRODUCT_UNKNOWN'],
    ['a product before it was under licence', { product: '05-901' }, 'product', 'ROW_PRODUCT_UNKNOWN'],
    ['an issue date that is no date', { issueDate: '2024-02-30' }, 'issueDate', 'ROW_DATES_INVALID'],
    ['a last day before the issue date', { validUntil: '2024-02-28' }, 'validUntil', 'ROW_DATES_INVALID'],
    ['validity longer than 5 years and a day', { validUntil: '2029-03-02' }, 'validUntil', 'ROW_DATES_INVALID'],
    [
      'an issue date after today',
      { issueDate: '2026-12-07', validUntil: '2031-12-06' },
      'issueDate',
      'ROW_DATES_INVALID',
    ],
    ['expired said, not past', { status: '过期' }, 'validUntil', 'ROW_DATES_INVALID'],
    ['an unknown status', { status: '正常' }, 'status', 'ROW_STATUS_UNKNOWN'],
    ['a zero-width space', { enterpriseName: '武汉\u200B线缆有限公司' }, 'enterpriseName', 'ROW_TEXT_NOT_PRINTABLE'],
    ['an emoji', { domicile: '武汉市😀路' }, 'domicile', 'ROW_TEXT_NOT_PRINTABLE'],
    [
      'a bidi override in a licence number',
      { licenceNo: '(鄂)XK06\u202E-001-00001' },
      'licenceNo',
      'ROW_TEXT_NOT_PRINTABLE',
    ],
    ['an over-long name', { enterpriseName: '长'.repeat(101) }, 'enterpriseName', 'ROW_TEXT_TOO_LONG'],
    ['a paper-copy answer that is not yes or no', { paperCopy: '也许' }, 'paperCopy', 'ROW_PAPER_COPY_INVALID'],
  ];

  for (const [name, overrides, column, code] of cases) {
    it(`reports ${name} as ${code} on ${column}, and imports nothing of it`, () => {
      // Prepare
      const input = rows(good(overrides));

      // Act
      const plan = planImport(input, ctx);

      // Assess
      expect(codesOf(plan)).toEqual([[2, column, code]]);
      expect(plan.problems[0]?.message).toContain(IMPORT_ROW_CODES[code as keyof typeof IMPORT_ROW_CODES].zh);
      expect(plan.drafts).toEqual([]);
    });
  }

  it('accepts the tolerated day, the other date spellings, status and paper-copy words', () => {
    // Prepare: 2029-03-01 is one day after the domain's last day 2029-02-28
    const input = rows(
      good({ validUntil: '2029-03-01', status: 'Suspended', paperCopy: '0' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B, issueDate: '2024年3月1日', validUntil: '2029/2/28' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.map((d) => [d.status, d.paperCopy, d.issueDate, d.validUntil])).toEqual([
      ['suspended', undefined, '2024-03-01', '2029-03-01'],
      ['valid', undefined, '2024-03-01', '2029-02-28'],
    ]);
  });

  it('reads every status word', () => {
    // Prepare
    const words: [string, string][] = [
      ['有效', 'valid'],
      ['暂扣', 'suspended'],
      ['吊销', 'revoked'],
      ['注销', 'cancelled'],
      ['valid', 'valid'],
      ['revoked', 'revoked'],
      ['cancelled', 'cancelled'],
    ];

    // Act / Assess
    for (const [word, status] of words) {
      const plan = planImport(rows(good({ status: word })), ctx);
      expect(
        plan.drafts.map((d) => d.status),
        word,
      ).toEqual([status]);
    }
  });

  it('reports a formula and a merged cell by their flags', () => {
    // Prepare
    const input: RawImportRow[] = [{ row: 2, values: good(), flags: { formula: ['uscc'], merged: ['domicile'] } }];

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'uscc', 'ROW_FORMULA'],
      [2, 'domicile', 'ROW_MERGED_CELL'],
    ]);
    expect(plan.drafts).toEqual([]);
  });

  it('refuses a product withdrawn before the issue date (a catalogue with an effective date)', () => {
    // Prepare: the seed catalogue with 电线电缆 withdrawn from 2024-01-01
    const json = catalogue.toJson();
    const cables = json.categories.flatMap((c) => c.products).find((p) => p.code === '001' && p.name.zh === '电线电缆');
    if (!cables) throw new Error('seed has no 电线电缆');
    Object.assign(cables, { withdrawnFrom: '2024-01-01' });
    const withdrawn = Catalogue.fromJson(json);

    // Act
    const before = planImport(rows(good({ issueDate: '2023-12-31', validUntil: '2028-12-30' })), {
      ...ctx,
      catalogue: withdrawn,
    });
    const after = planImport(rows(good()), { ...ctx, catalogue: withdrawn });

    // Assess
    expect(before.problems).toEqual([]);
    expect(codesOf(after)).toEqual([[2, 'product', 'ROW_PRODUCT_UNKNOWN']]);
    expect(after.problems[0]?.message).toContain('2024-03-01');
  });

  it('imports a product on the day it entered the catalogue', () => {
    // Prepare
    const input = rows(
      good({
        licenceNo: '(鄂)XK05-901-00001',
        product: '冷轧带肋钢筋',
        issueDate: '2024-09-25',
        validUntil: '2029-09-24',
      }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts[0]?.products).toEqual(['05-901']);
  });
});

describe('planImport: expired licences are imported, not refused', () => {
  it('marks 过期 and a past last day as expired', () => {
    // Prepare
    const input = rows(
      good({ issueDate: '2020-01-01', validUntil: '2024-12-31', status: '过期' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B, issueDate: '2021-01-01', validUntil: '2025-12-31' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.map((d) => [d.status, d.expired])).toEqual([
      ['valid', true],
      ['valid', true],
    ]);
  });

  it('is not expired on its last valid day', () => {
    // Prepare
    const input = rows(good({ issueDate: '2021-12-07', validUntil: TODAY }));

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.drafts.map((d) => d.expired)).toEqual([false]);
  });
});

describe('planImport: rows of one licence', () => {
  it('merges three rows into one draft with three products and the addresses united, in order', () => {
    // Prepare
    const input = rows(
      good({ product: '06-001' }),
      good({ product: '05-001', productionAddress: '孝感市示例路3号' }),
      good({ product: '水泥; 06-001' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts).toHaveLength(1);
    expect(plan.drafts[0]).toMatchObject({
      rows: [2, 3, 4],
      products: ['06-001', '05-001', '81-901'],
      enterprise: { productionAddresses: ['武汉市东西湖区示例工业园2号', '孝感市示例路3号'] },
    });
    expect(plan.drafts[0]?.paperCopy).toBeUndefined();
  });

  it('marks every row of a licence whose rows disagree, naming the column', () => {
    // Prepare
    const input = rows(
      good(),
      good({ domicile: '武汉市江汉区另一路9号', product: '05-001' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'domicile', 'ROW_CONFLICTING_ROWS'],
      [3, 'domicile', 'ROW_CONFLICTING_ROWS'],
    ]);
    expect(plan.problems[0]?.message).toContain('rows 2, 3');
    expect(plan.drafts.map((d) => d.licenceNo.toString())).toEqual(['(鄂)XK06-001-00002']);
  });

  it('treats 过期 and 有效 as a status conflict, and the same dates spelt differently as agreeing', () => {
    // Prepare
    const input = rows(
      good({ issueDate: '2020-01-01', validUntil: '2024-12-31', status: '过期' }),
      good({ issueDate: '2020/1/1', validUntil: '2024-12-31', status: '有效', product: '05-001' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'status', 'ROW_CONFLICTING_ROWS'],
      [3, 'status', 'ROW_CONFLICTING_ROWS'],
    ]);
  });

  it('lets a bad row poison its own licence only', () => {
    // Prepare
    const input = rows(
      good(),
      good({ product: '99-999' }),
      good({ product: '05-001' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'licenceNo', 'ROW_LICENCE_INVALID_ROWS'],
      [3, 'product', 'ROW_PRODUCT_UNKNOWN'],
      [4, 'licenceNo', 'ROW_LICENCE_INVALID_ROWS'],
    ]);
    expect(plan.drafts.map((d) => d.licenceNo.toString())).toEqual(['(鄂)XK06-001-00002']);
  });

  it('refuses more than 20 production addresses on one licence', () => {
    // Prepare
    const input = rows(...Array.from({ length: 21 }, (_, i) => good({ productionAddress: `武汉市示例路${i + 1}号` })));

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(new Set(plan.problems.map((p) => p.code))).toEqual(new Set(['ROW_TOO_MANY_ADDRESSES']));
    expect(plan.problems).toHaveLength(21);
    expect(plan.drafts).toEqual([]);
  });

  it('merges to the same set of products whatever the row order', () => {
    // Prepare
    const products = ['06-001', '05-001', '81-901', '82-901', '87-901', '16-204'];

    const arbOrders = fc
      .shuffledSubarray(products, { minLength: 1 })
      .chain((subset) => fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length })));
    /** The licence number of the subset's first product (its codes are the number's). */
    const numberFor = (subset: string[]) => `(鄂)XK${subset[0]}-00001`;

    fc.assert(
      fc.property(arbOrders, ([subset, reordered]) => {
        // Act
        const licenceNo = numberFor(subset);
        const a = planImport(rows(...subset.map((product) => good({ product, licenceNo }))), ctx);
        const b = planImport(rows(...reordered.map((product) => good({ product, licenceNo }))), ctx);

        // Assess: the same set; the number's product first, the others in their own file order
        expect(new Set(a.drafts[0]?.products)).toEqual(new Set(subset));
        expect(new Set(b.drafts[0]?.products)).toEqual(new Set(subset));
        expect(b.drafts[0]?.products).toEqual([subset[0], ...reordered.filter((p) => p !== subset[0])]);
      }),
    );
  });
});

describe('planImport: one enterprise, one certificate', () => {
  it('marks both licence numbers of one USCC, and leaves others alone', () => {
    // Prepare
    const input = rows(
      good(),
      good({ licenceNo: '(鄂)XK05-001-00003', product: '05-001' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'uscc', 'ROW_DUPLICATE_ENTERPRISE'],
      [3, 'uscc', 'ROW_DUPLICATE_ENTERPRISE'],
    ]);
    expect(plan.problems[0]?.message).toContain('(鄂)XK05-001-00003');
    expect(plan.drafts.map((d) => d.licenceNo.toString())).toEqual(['(鄂)XK06-001-00002']);
  });

  it('recognises one USCC typed in lower case and full width', () => {
    // Prepare
    const fullWidth = [...USCC_A.toLowerCase()]
      .map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0))
      .join('');
    const input = rows(good(), good({ licenceNo: '(鄂)XK06-001-00002', uscc: fullWidth }));

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems.map((p) => p.code)).toEqual(['ROW_DUPLICATE_ENTERPRISE', 'ROW_DUPLICATE_ENTERPRISE']);
  });
});

describe('planImport: context', () => {
  it('refuses an unknown province and a malformed today', () => {
    expect(() => planImport([], { ...ctx, province: '火' })).toThrow(/province/);
    expect(() => planImport([], { ...ctx, today: '2026-13-01' })).toThrow(/today/);
  });

  it('reads a file of no rows as an empty plan', () => {
    expect(planImport([], ctx)).toEqual({ drafts: [], problems: [], rows: 0 });
  });
});

describe('parseImportDate and findImportProduct', () => {
  it('read the spellings of exports', () => {
    expect(parseImportDate('2024-9-5')).toBe('2024-09-05');
    expect(parseImportDate('２０２４年９月５日')).toBe('2024-09-05');
    expect(parseImportDate('2024.09.05')).toBe('2024-09-05');
    expect(parseImportDate('05/09/2024')).toBeUndefined();
    expect(parseImportDate('2023-02-29')).toBeUndefined();
    expect(findImportProduct(catalogue, ' 电线电缆 ')?.key).toBe('06-001');
    expect(findImportProduct(catalogue, '电线')).toBeUndefined();
  });
});

describe('IMPORT_ROW_CODES', () => {
  it('gives every code a Chinese and an English meaning', () => {
    for (const [code, meaning] of Object.entries(IMPORT_ROW_CODES)) {
      expect(code).toMatch(/^ROW_[A-Z_]+$/);
      expect(meaning.zh.length, code).toBeGreaterThan(0);
      expect(meaning.en.length, code).toBeGreaterThan(0);
    }
  });
});

describe('planImport: the licence number names the first product', () => {
  it('puts the number’s product first, and refuses a licence whose rows do not list it', () => {
    // Prepare
    const input = rows(
      good({ product: '05-001' }),
      good({ product: '06-001' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B, product: '05-001' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.drafts.map((d) => d.products)).toEqual([['06-001', '05-001']]);
    expect(codesOf(plan)).toEqual([[4, 'product', 'ROW_LICENCE_PRODUCT_MISMATCH']]);
  });
});

describe('planImport: status dates and paper copies', () => {
  it('keeps the status date of a licence that is not valid, and ignores it on a valid one', () => {
    // Prepare
    const input = rows(
      good({ status: '吊销', statusDate: '2025年6月30日' }),
      good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B, statusDate: '2025-06-30' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.map((d) => [d.status, d.statusDate])).toEqual([
      ['revoked', '2025-06-30'],
      ['valid', undefined],
    ]);
  });

  it.each([
    ['not a date', '去年'],
    ['after today', '2026-12-07'],
    ['before the issue date', '2024-02-29'],
  ])('reports a status date %s as ROW_DATES_INVALID on statusDate', (_, statusDate) => {
    // Act
    const plan = planImport(rows(good({ status: '暂扣', statusDate })), ctx);

    // Assess
    expect(codesOf(plan)).toEqual([[2, 'statusDate', 'ROW_DATES_INVALID']]);
    expect(plan.drafts).toEqual([]);
  });

  it('asks every licence for a paper copy with the run option, unless its row says 否', () => {
    // Prepare
    const input = rows(good(MAILING), good({ licenceNo: '(鄂)XK06-001-00002', uscc: USCC_B, paperCopy: '否' }));

    // Act
    const plan = planImport(input, { ...ctx, paperCopy: true });

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.map((d) => d.paperCopy?.recipient)).toEqual(['张三', undefined]);
  });

  it('reports a paper copy without a usable address as ROW_PAPER_ADDRESS_INVALID, naming what is wrong', () => {
    // Prepare
    const input = rows(good({ paperCopy: '是', ...MAILING, phone: '12345', postcode: undefined }));

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([[2, 'mailingAddress', 'ROW_PAPER_ADDRESS_INVALID']]);
    expect(plan.problems[0]?.message).toContain('mailing.phone');
    expect(plan.problems[0]?.message).toContain('mailing.postcode');
  });

  it('marks rows of one licence that disagree on the mailing address', () => {
    // Prepare
    const input = rows(
      good({ paperCopy: '是', ...MAILING }),
      good({ paperCopy: '是', ...MAILING, product: '05-001', recipient: '李四' }),
    );

    // Act
    const plan = planImport(input, ctx);

    // Assess
    expect(codesOf(plan)).toEqual([
      [2, 'mailingAddress', 'ROW_CONFLICTING_ROWS'],
      [3, 'mailingAddress', 'ROW_CONFLICTING_ROWS'],
    ]);
  });
});
