/**
 * The product catalogue (工业产品生产许可证管理目录) as a value: categories, their products with the codes used in
 * licence numbers, and each product's licensing procedure as effective-dated data. A catalogue is loaded from JSON
 * (`Catalogue.fromJson`), never held in a module singleton, so an admin can load a new edition at run time.
 *
 * Products are identified by their category code and product code together (`13-001`): product codes repeat across
 * categories.
 *
 * Error codes: `CATALOGUE_INVALID`, `UNKNOWN_PRODUCT`, `PRODUCT_NOT_LICENSABLE`.
 */
import {
  type CATEGORY_KINDS,
  CatalogueJson,
  type CatalogueJson as CatalogueJsonType,
  type CategoryJson,
  type ProductJson,
} from './catalogue-schema';
import { compareDates, type LocalDate } from './dates';
import { type FieldIssue, ValidationError } from './errors';
import { deepFreeze } from './freeze';
import { type Procedure, strictestProcedure } from './procedure';

/**
 * Chinese name and English translation.
 *
 * @example
 * const name: LocalizedName = { zh: '电线电缆', en: 'Wires and cables' };
 */
export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}

/**
 * What identifies a product: the two codes of its licence numbers.
 *
 * @example
 * const ref: ProductRef = { categoryCode: '06', productCode: '001' };
 */
export interface ProductRef {
  readonly categoryCode: string;
  readonly productCode: string;
}

/**
 * A procedure in force from `effectiveFrom` until the next period starts.
 *
 * @example
 * product.procedures.at(-1); // { procedure: 'general', effectiveFrom: '2024-09-25', basis: '…' }
 */
export interface ProcedurePeriod {
  readonly procedure: Procedure;
  readonly effectiveFrom: LocalDate;
  readonly basis: string;
}

/**
 * Kind of a category.
 *
 * @example
 * const kind: CategoryKind = 'food-related';
 */
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/**
 * A product (variety, 产品品种) under licence.
 *
 * @example
 * catalogue.product('06-001').hazardous; // false
 */
export interface CatalogueProduct extends ProductRef {
  /** `categoryCode-productCode`, e.g. `13-001`. */
  readonly key: string;
  readonly name: LocalizedName;
  readonly categoryId: string;
  readonly categoryName: LocalizedName;
  readonly kind: CategoryKind;
  /** A hazardous chemical (危险化学品). */
  readonly hazardous: boolean;
  readonly foodRelated: boolean;
  /** The code or name is sample data, not verified against the official catalogue. */
  readonly sample: boolean;
  readonly note?: string;
  /** Ascending by date. */
  readonly procedures: readonly ProcedurePeriod[];
  readonly withdrawnFrom?: LocalDate;
}

/**
 * A product category (产品类别).
 *
 * @example
 * catalogue.categories.find((c) => c.id === 'hazardous-chemicals')?.products.length;
 */
export interface CatalogueCategory {
  readonly id: string;
  readonly code: string;
  readonly name: LocalizedName;
  readonly kind: CategoryKind;
  readonly sample: boolean;
  readonly note?: string;
  readonly products: readonly CatalogueProduct[];
}

/**
 * The key of a product: `categoryCode-productCode`.
 *
 * @example
 * productKey({ categoryCode: '06', productCode: '001' }); // '06-001'
 */
export function productKey(ref: ProductRef): string {
  return `${ref.categoryCode}-${ref.productCode}`;
}

function buildProduct(category: CategoryJson, product: ProductJson): CatalogueProduct {
  const { note, withdrawnFrom } = product;
  return {
    categoryCode: category.code,
    productCode: product.code,
    key: productKey({ categoryCode: category.code, productCode: product.code }),
    name: product.name,
    categoryId: category.id,
    categoryName: category.name,
    kind: category.kind,
    hazardous: category.kind === 'hazardous-chemicals',
    foodRelated: category.kind === 'food-related',
    sample: product.sample || category.sample,
    ...(note === undefined ? {} : { note }),
    procedures: product.procedures,
    ...(withdrawnFrom === undefined ? {} : { withdrawnFrom }),
  };
}

/** Rules across entries: unique ids and product keys, procedure periods in strictly ascending order. */
function crossCheck(json: CatalogueJsonType): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = new Set<string>();
  const keys = new Set<string>();
  json.categories.forEach((category, c) => {
    if (ids.has(category.id)) issues.push({ field: `categories.${c}.id`, message: `duplicate id ${category.id}` });
    ids.add(category.id);
    category.products.forEach((product, p) => {
      const at = `categories.${c}.products.${p}`;
      const key = productKey({ categoryCode: category.code, productCode: product.code });
      if (keys.has(key)) issues.push({ field: `${at}.code`, message: `duplicate product ${key}` });
      keys.add(key);
      product.procedures.forEach((period, i) => {
        const previous = product.procedures[i - 1];
        if (previous && compareDates(previous.effectiveFrom, period.effectiveFrom) >= 0) {
          issues.push({ field: `${at}.procedures.${i}.effectiveFrom`, message: 'dates must be strictly ascending' });
        }
      });
      const first = product.procedures[0];
      if (product.withdrawnFrom && first && compareDates(product.withdrawnFrom, first.effectiveFrom) <= 0) {
        issues.push({ field: `${at}.withdrawnFrom`, message: 'must be after the first procedure date' });
      }
    });
  });
  return issues;
}

/**
 * A loaded, validated, immutable catalogue.
 *
 * @example
 * const catalogue = Catalogue.fromJson(JSON.parse(await readFile('data/catalogue.json', 'utf8')));
 * catalogue.procedureOn({ categoryCode: '06', productCode: '001' }, parseLocalDate('2026-09-28'));
 */
export class Catalogue {
  readonly #json: CatalogueJsonType;
  readonly #categories: readonly CatalogueCategory[];
  readonly #byKey: ReadonlyMap<string, CatalogueProduct>;

  private constructor(json: CatalogueJsonType) {
    this.#json = deepFreeze(json);
    this.#categories = deepFreeze(
      json.categories.map((category) => {
        const { note } = category;
        return {
          id: category.id,
          code: category.code,
          name: category.name,
          kind: category.kind,
          sample: category.sample,
          ...(note === undefined ? {} : { note }),
          products: category.products.map((product) => buildProduct(category, product)),
        };
      }),
    );
    this.#byKey = new Map(this.#categories.flatMap((c) => c.products.map((p) => [p.key, p] as const)));
  }

  /**
   * Validate and load a catalogue. Throws `ValidationError` `CATALOGUE_INVALID` listing every problem by path.
   *
   * @example
   * const catalogue = Catalogue.fromJson(uploadedJson);
   */
  static fromJson(input: unknown): Catalogue {
    const parsed = CatalogueJson.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
      throw new ValidationError('CATALOGUE_INVALID', 'the product catalogue is invalid', issues);
    }
    const issues = crossCheck(parsed.data);
    if (issues.length > 0) throw new ValidationError('CATALOGUE_INVALID', 'the product catalogue is invalid', issues);
    return new Catalogue(structuredClone(parsed.data));
  }

  /**
   * The edition's identifier.
   *
   * @example
   * catalogue.version; // '2024-09-25+seed.1'
   */
  get version(): string {
    return this.#json.version;
  }

  /**
   * Notes about the data (what is sample data, what to verify).
   *
   * @example
   * for (const note of catalogue.notes) console.warn(note);
   */
  get notes(): readonly string[] {
    return this.#json.notes;
  }

  /**
   * All categories in catalogue order.
   *
   * @example
   * catalogue.categories.length; // 14
   */
  get categories(): readonly CatalogueCategory[] {
    return this.#categories;
  }

  /**
   * All products in catalogue order.
   *
   * @example
   * catalogue.products.filter((p) => p.foodRelated);
   */
  get products(): readonly CatalogueProduct[] {
    return [...this.#byKey.values()];
  }

  /**
   * A product by reference or key, if present.
   *
   * @example
   * catalogue.findProduct('06-001')?.name.zh; // '电线电缆'
   */
  findProduct(ref: ProductRef | string): CatalogueProduct | undefined {
    return this.#byKey.get(typeof ref === 'string' ? ref : productKey(ref));
  }

  /**
   * A product by reference or key; throws `ValidationError` `UNKNOWN_PRODUCT` naming `field`.
   *
   * @example
   * catalogue.product({ categoryCode: '06', productCode: '001' }, 'products.0');
   */
  product(ref: ProductRef | string, field = 'product'): CatalogueProduct {
    const found = this.findProduct(ref);
    if (found) return found;
    const key = typeof ref === 'string' ? ref : productKey(ref);
    throw new ValidationError('UNKNOWN_PRODUCT', `product ${key} is not in the catalogue`, [
      { field, message: `no product ${key} in catalogue ${this.version}` },
    ]);
  }

  /**
   * The procedure in force for a product on a date (an Asia/Shanghai calendar date). Throws `UNKNOWN_PRODUCT`, or
   * `PRODUCT_NOT_LICENSABLE` when the date is before the product entered the catalogue or after it was withdrawn.
   *
   * @example
   * catalogue.procedureOn('97-901', parseLocalDate('2024-09-25')); // 'general' (化肥, 先核后证)
   */
  procedureOn(ref: ProductRef | string, date: LocalDate, field = 'product'): Procedure {
    const product = this.product(ref, field);
    let current: Procedure | undefined;
    for (const period of product.procedures) {
      if (compareDates(period.effectiveFrom, date) <= 0) current = period.procedure;
    }
    const withdrawn = product.withdrawnFrom !== undefined && compareDates(date, product.withdrawnFrom) >= 0;
    if (current === undefined || withdrawn) {
      throw new ValidationError('PRODUCT_NOT_LICENSABLE', `product ${product.key} is not licensable on ${date}`, [
        { field, message: `${product.name.zh} is not under licence on ${date}` },
      ]);
    }
    return current;
  }

  /**
   * Whether a product is licensable on a date.
   *
   * @example
   * catalogue.isLicensableOn('05-901', parseLocalDate('2024-09-24')); // false: 冷轧带肋钢筋 entered on 2024-09-25
   */
  isLicensableOn(ref: ProductRef | string, date: LocalDate): boolean {
    try {
      this.procedureOn(ref, date);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The procedure for a certificate covering these products on a date: the strictest of theirs.
   *
   * @example
   * catalogue.strictestProcedureOn(['16-204', '06-001'], day); // 'post-issuance-review'
   */
  strictestProcedureOn(refs: readonly (ProductRef | string)[], date: LocalDate): Procedure {
    return strictestProcedure(refs.map((ref, i) => this.procedureOn(ref, date, `products.${i}`)));
  }

  /**
   * The validated JSON, for storing an edition or showing it to an admin.
   *
   * @example
   * await writeFile('catalogue.json', JSON.stringify(catalogue.toJson(), null, 2));
   */
  toJson(): CatalogueJsonType {
    return structuredClone(this.#json);
  }
}
