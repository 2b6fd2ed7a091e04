/**
 * Regenerate `docs/errors.md` from the error catalogue (`lambdas/domain/error-catalogue.ts`). Run after the catalogue
 * changes:
 *
 *   npm run docs:errors
 *
 * The unit test test/unit/shared/error-docs.test.ts fails until the committed document matches the catalogue again.
 */
import { writeFileSync } from 'node:fs';
import { ERROR_CODES } from '../lambdas/domain/error-catalogue';
import { ERRORS_DOC, renderErrorsDoc } from '../lambdas/shared/error-docs';

writeFileSync(ERRORS_DOC, renderErrorsDoc());
console.log(`${ERRORS_DOC}: ${ERROR_CODES.length} codes`);
