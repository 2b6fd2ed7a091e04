/** `docs/errors.md` is what `npm run docs:errors` writes from the catalogue: the committed file may not drift. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ERROR_CODES, ERROR_MEANINGS } from '../../../lambdas/domain/error-catalogue';
import { ERRORS_DOC, renderErrorsDoc } from '../../../lambdas/shared/error-docs';

test('the committed docs/errors.md matches the catalogue (run `npm run docs:errors` after changing it)', () => {
  expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(renderErrorsDoc());
});

test('it has one row per code, with its status, kind and both meanings', () => {
  // Act
  const rows = renderErrorsDoc()
    .split('\n')
    .filter((line) => line.startsWith('| `'));

  // Assess
  expect(rows).toHaveLength(ERROR_CODES.length);
  expect(rows).toContain(
    `| \`DOCUMENT_TRAILING_DATA\` | 422 | unprocessable | ${ERROR_MEANINGS.DOCUMENT_TRAILING_DATA.en} | ` +
      `${ERROR_MEANINGS.DOCUMENT_TRAILING_DATA.zh} |`,
  );
  expect(rows).toContain(
    `| \`RUNTIME_STARTING\` *local* | 503 | unavailable | ${ERROR_MEANINGS.RUNTIME_STARTING.en} | ` +
      `${ERROR_MEANINGS.RUNTIME_STARTING.zh} |`,
  );
});
