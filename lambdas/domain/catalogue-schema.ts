/**
 * The JSON shape of the product catalogue (`data/catalogue.json`, and whatever an admin loads later), as a zod schema.
 * {@link Catalogue.fromJson} validates with it and then checks the rules a schema cannot express.
 */
import { z } from 'zod';
import { isLocalDate, type LocalDate } from './dates';
import { PROCEDURES } from './procedure';

const localDate = z
  .string()
  .refine(isLocalDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .transform((d) => d as LocalDate);

const name = z.object({ zh: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(200) }).strict();

/**
 * A procedure in force for a product from a date until the next entry's date.
 *
 * @example
 * ProcedurePeriodJson.parse({ procedure: 'general', effectiveFrom: '2024-09-25', basis: '…' });
 */
export const ProcedurePeriodJson = z
  .object({
    procedure: z.enum(PROCEDURES),
    effectiveFrom: localDate,
    /** The rule that set it, e.g. the State Council decision. */
    basis: z.string().trim().min(1).max(500),
  })
  .strict();

/**
 * A product (variety) entry.
 *
 * @example
 * ProductJson.parse({ code: '001', name: { zh: '电线电缆', en: 'Wires and cables' }, sample: false, procedures });
 */
export const ProductJson = z
  .object({
    /** Three digits, used in licence numbers. */
    code: z.string().regex(/^\d{3}$/, 'three digits'),
    name,
    /** True when the code or the name is not verified against the official catalogue. */
    sample: z.boolean(),
    note: z.string().max(1000).optional(),
    /** Ascending by `effectiveFrom`; the product is licensable from the first entry's date. */
    procedures: z.array(ProcedurePeriodJson).min(1),
    /** Not licensable from this date on (removed from the catalogue); certificates already issued keep it. */
    withdrawnFrom: localDate.optional(),
  })
  .strict();

/**
 * Kinds of category; `food-related` and `hazardous-chemicals` drive rules elsewhere (procedures, required documents).
 *
 * @example
 * CATEGORY_KINDS.includes(category.kind); // true
 */
export const CATEGORY_KINDS = ['food-related', 'hazardous-chemicals', 'industrial'] as const;

/**
 * A category entry with its products.
 *
 * @example
 * CategoryJson.parse({ id: 'wires-and-cables', code: '06', name, kind: 'industrial', sample: false, products });
 */
export const CategoryJson = z
  .object({
    /** Stable slug, e.g. `wires-and-cables`. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case slug'),
    /** Two digits (the industry code after XK). Not necessarily unique: one industry code may span categories. */
    code: z.string().regex(/^\d{2}$/, 'two digits'),
    name,
    kind: z.enum(CATEGORY_KINDS),
    sample: z.boolean(),
    note: z.string().max(1000).optional(),
    products: z.array(ProductJson).min(1),
  })
  .strict();

/**
 * A whole catalogue edition. {@link Catalogue.fromJson} adds the checks across entries.
 *
 * @example
 * const result = CatalogueJson.safeParse(uploaded);
 */
export const CatalogueJson = z
  .object({
    $comment: z.string().optional(),
    /** Identifies this edition, e.g. `2024-09-25`. */
    version: z.string().trim().min(1).max(64),
    notes: z.array(z.string()).default([]),
    categories: z.array(CategoryJson).min(1),
  })
  .strict();

/**
 * The catalogue as JSON after validation (likewise {@link CategoryJson}, {@link ProductJson},
 * {@link ProcedurePeriodJson} for its parts).
 *
 * @example
 * const json: CatalogueJson = catalogue.toJson();
 */
export type CatalogueJson = z.output<typeof CatalogueJson>;
/** @example const category: CategoryJson = json.categories[0]; */
export type CategoryJson = z.output<typeof CategoryJson>;
/** @example const product: ProductJson = category.products[0]; */
export type ProductJson = z.output<typeof ProductJson>;
/** @example const period: ProcedurePeriodJson = product.procedures[0]; */
export type ProcedurePeriodJson = z.output<typeof ProcedurePeriodJson>;
