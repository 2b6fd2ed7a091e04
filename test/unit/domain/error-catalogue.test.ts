/**
 * The error catalogue is closed: every code the sources write where codes are written is catalogued (or belongs to
 * another closed set no API client sees), and every catalogued code is produced somewhere outside the catalogue. The
 * scan itself is checked on planted sources, so a broken scan cannot pass a broken tree.
 */
import { describe, expect, test } from 'vitest';
import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  ERROR_MEANINGS,
  isErrorCode,
  kindOfCode,
} from '../../../lambdas/domain/error-catalogue';
import { ConflictError, PermitError, ValidationError } from '../../../lambdas/domain/errors';
import { REASONS } from '../../../lambdas/domain/verification/reasons';
import { CARRIER_ERROR_CODES } from '../../../lambdas/ports/carrier';
import { STATUS_BY_KIND } from '../../../lambdas/shared/problem-status';
import { LOCAL_RUNTIME_ERROR_CODES } from '../../../lib/local/errors';
import { SANDBOX_RECEIVER_ERROR_CODES } from '../../../lib/local/sandbox-receiver';
import {
  catalogueProblems,
  findCodeUses,
  type OtherCodeSets,
  readSources,
  type SourceFile,
} from '../../support/error-code-scan';

const CATALOGUE_FILE = 'lambdas/domain/error-catalogue.ts';

/** Codes Permit reads but never answers, and that no Permit source defines as a set. */
const FOREIGN = new Map<string, string>([
  ...['ENOENT', 'EEXIST', 'EACCES', 'EADDRINUSE', 'EISDIR', 'HPE_HEADER_OVERFLOW', 'ENODATA'].map(
    (c) => [c, 'Node.js system errors (the `code` of a failed system call, DNS lookup or HTTP parse)'] as const,
  ),
  ...[
    'DUPLICATE_ORDER',
    'INVALID_JSON',
    'INVALID_ORDER_ID',
    'INVALID_ADDRESS',
    'SYSTEM_BUSY',
    'AUTH_FAILED',
    'WAYBILL_NOT_FOUND',
    'NOT_FOUND',
    'INVALID_STATUS',
  ].map(
    (c) => [c, 'the courier’s wire protocol (docs/carrier-api.md), answered by lib/local/sandbox-carrier.ts'] as const,
  ),
  ...['INVALID_MODE', 'WEBHOOK_FAILED', 'SANDBOX_ERROR'].map(
    (c) => [c, 'the sandbox courier’s own /_sandbox control routes'] as const,
  ),
]);

const OTHERS: OtherCodeSets = {
  owned: new Map<string, string>([
    ...Object.keys(REASONS).map(
      (c) => [c, 'the verification reasons (lambdas/domain/verification/reasons.ts)'] as const,
    ),
    ...LOCAL_RUNTIME_ERROR_CODES.map((c) => [c, 'the local start-up errors (lib/local/errors.ts)'] as const),
    ...CARRIER_ERROR_CODES.map((c) => [c, 'the carrier adapter’s errors (lambdas/ports/carrier.ts)'] as const),
    ...SANDBOX_RECEIVER_ERROR_CODES.map(
      (c) => [c, 'the sandbox webhook receiver’s control answers (lib/local/sandbox-receiver.ts)'] as const,
    ),
  ]),
  foreign: FOREIGN,
};

const sources = readSources(['lambdas', 'lib', 'bin']);
const uses = findCodeUses(sources);
const check = (files: readonly SourceFile[], catalogue: readonly string[] = ERROR_CODES) =>
  catalogueProblems(findCodeUses(files), { catalogue, catalogueFile: CATALOGUE_FILE, others: OTHERS });
const plant = (path: string, text: string): SourceFile[] => [...sources, { path, text }];

describe('the catalogue', () => {
  test('every code is shaped like a code, has one kind with a status, and a one-line meaning in both languages', () => {
    expect(Object.keys(ERROR_MEANINGS)).toEqual([...ERROR_CODES]);
    for (const code of ERROR_CODES) {
      const meaning = ERROR_MEANINGS[code];
      expect(code).toMatch(/^[A-Z][A-Z0-9_]{2,}$/);
      expect(STATUS_BY_KIND[ERROR_CATALOGUE[code]]).toBeGreaterThanOrEqual(400);
      expect(meaning.en).toMatch(/^[A-Z`].*[.)]$/);
      expect(meaning.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(`${meaning.en}${meaning.zh}`).not.toMatch(/[\n|]/);
    }
  });

  test('an error takes its kind from its code, and an untyped value is a code only when catalogued', () => {
    // Act
    const conflict = new ConflictError('ILLEGAL_TRANSITION', 'cannot revoke a revoked certificate');
    const tooLarge = new PermitError('PAYLOAD_TOO_LARGE', 'too large');

    // Assess
    expect([conflict.kind, tooLarge.kind]).toEqual(['conflict', 'too-large']);
    expect(kindOfCode('DOCUMENT_TOO_LARGE')).toBe('unprocessable');
    expect([isErrorCode('USCC_LENGTH'), isErrorCode('NOT_A_CODE'), isErrorCode('toString'), isErrorCode(42)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // @ts-expect-error — the compiler refuses a code of another kind (and an uncatalogued one)
    expect(new ValidationError('ILLEGAL_TRANSITION', 'x').kind).toBe('conflict');
  });
});

describe('the sources against the catalogue', () => {
  test('every code written is catalogued, and every catalogued code is produced outside the catalogue', () => {
    expect(catalogueProblems(uses, { catalogue: ERROR_CODES, catalogueFile: CATALOGUE_FILE, others: OTHERS })).toEqual(
      [],
    );
  });

  test('the scan sees codes in every place the sources write them', () => {
    // Act
    const placesOf = (code: string) => [...new Set(uses.filter((u) => u.code === code).map((u) => u.place))].sort();

    // Assess: one example of each way a code is written today
    expect(placesOf('CERTIFICATE_NOT_FOUND')).toEqual(['error']); // new NotFoundError('CERTIFICATE_NOT_FOUND', …)
    expect(placesOf('RUNTIME_STARTING')).toEqual(['typed']); // gatewayProblem('RUNTIME_STARTING', …)
    expect(placesOf('LICENCE_NUMBER_PROVINCE_MISSING')).toEqual(['typed']); // a file's own fail(code: ErrorCodeOf<…>)
    expect(placesOf('INVALID_FIELDS')).toEqual(['error', 'typed']); // throwIfIssues(…, code = 'INVALID_FIELDS')
    expect(placesOf('INVALID_REQUEST')).toEqual(['typed']); // the request parser's return, OpenAPI's example
    expect(placesOf('TEXT_NOT_PRINTABLE')).toEqual(['typed']); // 'TEXT_NOT_PRINTABLE' satisfies ErrorCodeOf<…>
    expect(placesOf('DOCUMENT_TYPE_MISMATCH')).toEqual(['property']); // { ok: false, code: 'DOCUMENT_TYPE_MISMATCH' }
    expect(placesOf('DOCUMENT_ENCRYPTED')).toEqual(['property', 'typed']); // CONTENT_PROBLEM_CODES, a content problem
    expect(placesOf('DOCUMENT_REJECTED')).toEqual(['error']); // failure?.code ?? 'DOCUMENT_REJECTED'
    expect(placesOf('CERTIFICATE_TEXT_TOO_LONG')).toEqual(['comparison', 'error']);
    expect(uses.filter((u) => u.code === 'PORT_IN_USE').map((u) => u.place)).toContain('constant');
    // …and not where code-shaped strings are something else
    const nonCodes = ['GET', 'POST', 'ES256', 'ECC_NIST_P256', 'PUBLIC_BASE_URL', 'NFKC', 'WHEN_REQUIRED', 'SIGTERM'];
    expect(uses.filter((u) => nonCodes.includes(u.code))).toEqual([]);
  });

  test('fails on a planted uncatalogued code, naming the code and the file', () => {
    // Prepare: thrown, answered through a typed helper, and written where the compiler sees only a string or a cast
    const planted = plant(
      'lambdas/use-cases/planted.ts',
      [
        "import { ValidationError } from '../domain/errors';",
        "import { problemResponse } from '../shared/http';",
        "export const thrown = () => new ValidationError('PLANTED_THROWN', 'x');",
        "export const answered = () => problemResponse('PLANTED_ANSWERED', 'x');",
        "export const result = { ok: false, code: 'PLANTED_PROPERTY', message: 'x' };",
        "export const missing = (e: { code: string }) => e.code === 'PLANTED_COMPARED';",
        "export const cast = { code: 'PLANTED_CAST' as never };",
      ].join('\n'),
    );

    // Act
    const problems = check(planted);

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^uncatalogued code PLANTED_THROWN in lambdas\/use-cases\/planted\.ts:3 \(an error/),
      expect.stringMatching(/^uncatalogued code PLANTED_ANSWERED in lambdas\/use-cases\/planted\.ts:4 \(a place typed/),
      expect.stringMatching(/^uncatalogued code PLANTED_PROPERTY in lambdas\/use-cases\/planted\.ts:5 \(a `code` prop/),
      expect.stringMatching(/^uncatalogued code PLANTED_COMPARED in lambdas\/use-cases\/planted\.ts:6 \(a comparison/),
      expect.stringMatching(/^uncatalogued code PLANTED_CAST in lambdas\/use-cases\/planted\.ts:7 \(a `code` prop/),
    ]);
  });

  test('fails on a code of another closed set thrown as an API error', () => {
    const planted = plant(
      'lambdas/use-cases/planted.ts',
      "import { ConflictError } from '../domain/errors';\nthrow new ConflictError('PORT_IN_USE', 'x');\n",
    );
    expect(check(planted)).toEqual([
      'uncatalogued code PORT_IN_USE in lambdas/use-cases/planted.ts:2 (an error constructor): add it to ' +
        `${CATALOGUE_FILE} (it is only a code of the local start-up errors (lib/local/errors.ts))`,
    ]);
  });

  test('fails on a planted catalogue entry that nothing produces, and on one that is only compared', () => {
    // Act
    const unused = catalogueProblems(uses, {
      catalogue: [...ERROR_CODES, 'PLANTED_UNUSED'],
      catalogueFile: CATALOGUE_FILE,
      others: OTHERS,
    });
    const onlyCompared = check(
      [{ path: 'lambdas/compare.ts', text: "export const f = (e: { code: string }) => e.code === 'ONLY_READ';" }],
      ['ONLY_READ'],
    );

    // Assess
    expect(unused).toEqual([
      `catalogued code PLANTED_UNUSED is never produced outside ${CATALOGUE_FILE}: remove it from the catalogue ` +
        '(and docs/errors.md), or use it',
    ]);
    expect(onlyCompared).toEqual([
      expect.stringMatching(/^catalogued code ONLY_READ is never produced/),
      ...[...FOREIGN.keys()].map((code) => expect.stringContaining(`foreign code ${code} `)),
    ]);
  });

  test('fails on a foreign code nothing writes any more', () => {
    const withoutSandbox = sources.filter((f) => f.path !== 'lib/local/sandbox-carrier.ts');
    expect(check(withoutSandbox)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^foreign code SANDBOX_ERROR .* is written nowhere/)]),
    );
  });
});
