import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../../lambdas/domain/catalogue';
import { seedCatalogue } from '../../../lambdas/domain/catalogue-seed';
import { parseLocalDate } from '../../../lambdas/domain/dates';
import { PROCEDURES, strictestProcedure } from '../../../lambdas/domain/procedure';
import { issuesOf } from '../../support/thrown';

const d = (s: string) => parseLocalDate(s);
const seedJson = (): { categories: { products: Record<string, unknown>[] }[] } & Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../../data/catalogue.json', import.meta.url), 'utf8'));

describe('the seed catalogue', () => {
  const catalogue = seedCatalogue();

  it('has the 14 categories and 27 varieties of the 2024 decision, keys unique', () => {
    // Assess
    expect(catalogue.categories).toHaveLength(14);
    expect(catalogue.products).toHaveLength(27);
    expect(new Set(catalogue.products.map((p) => p.key)).size).toBe(27);
  });

  it('names every variety the notes name', () => {
    // Prepare
    const names = new Set(catalogue.products.map((p) => p.name.zh));

    // Assess
    for (const zh of [
      '钢筋混凝土用热轧钢筋',
      '冷轧带肋钢筋',
      '水泥',
      '广播电视传输设备',
      '人民币鉴别仪',
      '预应力混凝土铁路桥简支梁',
      '电线电缆',
      '危险化学品无机产品',
      '危险化学品有机产品',
      '危险化学品包装物及容器',
      '化肥',
      '食品用塑料包装容器工具等制品',
      '食品用纸包装容器等制品',
      '餐具洗涤剂',
      '瓶装液化石油气调压器',
      '钢丝绳',
      '胶合板',
      '细木工板',
      '安全帽',
    ]) {
      expect(names, zh).toContain(zh);
    }
  });

  it('marks every placeholder code as sample data, and only attested codes are not', () => {
    // Prepare
    const attested = catalogue.products.filter((p) => !p.sample).map((p) => p.key);

    // Assess
    expect(attested).toEqual(['05-001', '06-001', '16-204']);
    for (const p of catalogue.products) {
      const placeholder = Number(p.categoryCode) >= 81 || Number(p.productCode) >= 900;
      if (placeholder) expect(p.sample, p.key).toBe(true);
      expect(p.name.en.length).toBeGreaterThan(0);
    }
    expect(catalogue.notes.join(' ')).toContain('placeholder');
  });

  it('resolves the 2019 procedures: food-related, hazardous chemicals, others', () => {
    // Prepare
    const day = d('2023-06-01');

    // Act / Assess
    expect(catalogue.procedureOn('16-204', day)).toBe('notification-commitment');
    expect(catalogue.procedureOn('85-901', day)).toBe('general');
    expect(catalogue.procedureOn('06-001', day)).toBe('post-issuance-review');
    expect(catalogue.procedureOn('87-901', day)).toBe('post-issuance-review');
    for (const p of catalogue.products) {
      if (p.foodRelated) expect(catalogue.procedureOn(p, day), p.key).toBe('notification-commitment');
      if (p.hazardous) expect(catalogue.procedureOn(p, day), p.key).toBe('general');
    }
  });

  it('moves chemical fertilisers to the general procedure (先核后证) on 2024-09-25', () => {
    expect(catalogue.procedureOn('87-901', d('2024-09-24'))).toBe('post-issuance-review');
    expect(catalogue.procedureOn('87-901', d('2024-09-25'))).toBe('general');
    expect(catalogue.procedureOn({ categoryCode: '87', productCode: '901' }, d('2026-09-28'))).toBe('general');
  });

  it('licenses the 2024 additions only from 2024-09-25', () => {
    // Prepare
    const added = ['05-901', '88-901', '89-901', '90-901', '90-902', '91-901'];

    // Act / Assess
    for (const key of added) {
      expect(catalogue.isLicensableOn(key, d('2024-09-24')), key).toBe(false);
      expect(catalogue.procedureOn(key, d('2024-09-25')), key).toBe('post-issuance-review');
    }
    expect(issuesOf(() => catalogue.procedureOn('91-901', d('2024-01-01'), 'products.2'))).toEqual({
      code: 'PRODUCT_NOT_LICENSABLE',
      fields: ['products.2'],
    });
  });

  it('refuses unknown products with UNKNOWN_PRODUCT naming the field', () => {
    expect(catalogue.findProduct('13-999')).toBeUndefined();
    expect(issuesOf(() => catalogue.product('13-999', 'products.0'))).toEqual({
      code: 'UNKNOWN_PRODUCT',
      fields: ['products.0'],
    });
  });

  it('gives a certificate the strictest procedure of its products', () => {
    // Prepare
    const day = d('2026-09-28');

    // Act / Assess
    expect(catalogue.strictestProcedureOn(['16-204'], day)).toBe('notification-commitment');
    expect(catalogue.strictestProcedureOn(['16-204', '06-001'], day)).toBe('post-issuance-review');
    expect(catalogue.strictestProcedureOn(['16-204', '06-001', '85-902'], day)).toBe('general');
    expect(catalogue.strictestProcedureOn(['16-204', '87-901'], d('2024-09-24'))).toBe('post-issuance-review');
    expect(catalogue.strictestProcedureOn(['16-204', '87-901'], d('2024-09-25'))).toBe('general');
  });

  it('is a frozen value; toJson round-trips', () => {
    // Act
    const again = Catalogue.fromJson(catalogue.toJson());

    // Assess
    expect(again.toJson()).toEqual(catalogue.toJson());
    expect(Object.isFrozen(catalogue.categories)).toBe(true);
    expect(Object.isFrozen(catalogue.products[0]?.procedures)).toBe(true);
    expect(again).not.toBe(catalogue);
  });
});

describe('Catalogue.fromJson validation', () => {
  it('refuses a non-catalogue with CATALOGUE_INVALID', () => {
    expect(issuesOf(() => Catalogue.fromJson(null)).code).toBe('CATALOGUE_INVALID');
    expect(issuesOf(() => Catalogue.fromJson({ version: 'x', categories: [] })).fields).toEqual(['categories']);
  });

  it('names bad codes, unknown procedures, bad dates and unknown fields by path', () => {
    // Prepare
    const json = seedJson();
    const product = json.categories[0]?.products[0] as Record<string, unknown>;
    product.code = '1';
    product.procedures = [{ procedure: 'fast-track', effectiveFrom: '2019-02-30', basis: 'x' }];
    product.colour = 'red';

    // Act
    const { code, fields } = issuesOf(() => Catalogue.fromJson(json));

    // Assess
    expect(code).toBe('CATALOGUE_INVALID');
    expect(fields).toEqual(
      expect.arrayContaining([
        'categories.0.products.0.code',
        'categories.0.products.0.procedures.0.procedure',
        'categories.0.products.0.procedures.0.effectiveFrom',
        'categories.0.products.0',
      ]),
    );
  });

  it('refuses duplicate products, duplicate category ids and unordered procedure periods', () => {
    // Prepare
    const json = seedJson();
    const [first, second] = json.categories as { id: string; products: Record<string, unknown>[] }[];
    (second as { id: string }).id = (first as { id: string }).id;
    first?.products.push({ ...(first.products[0] as object) });
    (first?.products[1] as { procedures: unknown[] }).procedures = [
      { procedure: 'general', effectiveFrom: '2024-09-25', basis: 'b' },
      { procedure: 'general', effectiveFrom: '2019-01-01', basis: 'a' },
    ];

    // Act
    const { fields } = issuesOf(() => Catalogue.fromJson(json));

    // Assess
    expect(fields).toEqual([
      'categories.0.products.1.procedures.1.effectiveFrom',
      'categories.0.products.2.code',
      'categories.1.id',
    ]);
  });

  it('lets an admin edition change a procedure and withdraw a product, without touching other values', () => {
    // Prepare
    const json = seedJson();
    const cables = (json.categories[5]?.products[0] ?? {}) as { procedures: unknown[]; withdrawnFrom?: string };
    cables.procedures.push({ procedure: 'general', effectiveFrom: '2027-01-01', basis: 'hypothetical decree' });
    const helmets = (json.categories[13]?.products[0] ?? {}) as { withdrawnFrom?: string };
    helmets.withdrawnFrom = '2028-01-01';

    // Act
    const edition = Catalogue.fromJson(json);

    // Assess
    expect(edition.procedureOn('06-001', d('2026-12-31'))).toBe('post-issuance-review');
    expect(edition.procedureOn('06-001', d('2027-01-01'))).toBe('general');
    expect(edition.isLicensableOn('91-901', d('2027-12-31'))).toBe(true);
    expect(edition.isLicensableOn('91-901', d('2028-01-01'))).toBe(false);
    expect(seedCatalogue().procedureOn('06-001', d('2027-01-01'))).toBe('post-issuance-review');
  });
});

describe('strictestProcedure', () => {
  it('orders general > post-issuance-review > notification-commitment', () => {
    expect(PROCEDURES).toEqual(['notification-commitment', 'post-issuance-review', 'general']);
    expect(strictestProcedure(['post-issuance-review', 'notification-commitment'])).toBe('post-issuance-review');
    expect(strictestProcedure(['general', 'notification-commitment', 'post-issuance-review'])).toBe('general');
    expect(strictestProcedure(['notification-commitment'])).toBe('notification-commitment');
    expect(() => strictestProcedure([])).toThrow(expect.objectContaining({ code: 'PROCEDURE_NONE' }));
  });
});
