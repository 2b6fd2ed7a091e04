/**
 * The three licensing procedures, from the lightest to the strictest:
 *
 * - `notification-commitment` (告知承诺): formal review passes → issued at once; routine inspection afterwards.
 * - `post-issuance-review` (后置现场审查): accepted → formal review → issued within 9 working days; on-site review after.
 * - `general` (一般程序, 先核后证): formal review, then an on-site review that must pass before issuance.
 *
 * Which one applies to a product is catalogue data with effective dates; a certificate covering products of
 * different procedures follows the strictest.
 *
 * Error codes: `PROCEDURE_NONE`.
 */
import { ValidationError } from './errors';

/**
 * Procedures in ascending strictness.
 *
 * @example
 * z.enum(PROCEDURES);
 */
export const PROCEDURES = ['notification-commitment', 'post-issuance-review', 'general'] as const;

/**
 * One licensing procedure.
 *
 * @example
 * const p: Procedure = 'post-issuance-review';
 */
export type Procedure = (typeof PROCEDURES)[number];

/**
 * Rank of a procedure: higher is stricter.
 *
 * @example
 * procedureRank('general') > procedureRank('post-issuance-review'); // true
 */
export function procedureRank(procedure: Procedure): number {
  return PROCEDURES.indexOf(procedure);
}

/**
 * The strictest of some procedures (general > post-issuance-review > notification-commitment). Throws
 * `PROCEDURE_NONE` for an empty list: a certificate always has a product.
 *
 * @example
 * strictestProcedure(['notification-commitment', 'general']); // 'general'
 */
export function strictestProcedure(procedures: readonly Procedure[]): Procedure {
  let strictest: Procedure | undefined;
  for (const p of procedures) {
    if (strictest === undefined || procedureRank(p) > procedureRank(strictest)) strictest = p;
  }
  if (strictest === undefined) {
    throw new ValidationError('PROCEDURE_NONE', 'no products, so no procedure', [
      { field: 'products', message: 'at least one product is required' },
    ]);
  }
  return strictest;
}
