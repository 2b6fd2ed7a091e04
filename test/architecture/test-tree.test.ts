/**
 * The unit-test tree mirrors the source tree, so a module's tests are found without searching and a test file names
 * the module it is about: `test/unit/<p>.test.ts` tests `lambdas/<p>.ts`; a module outside `lambdas/` keeps its root
 * as the first segment (`test/unit/lib/local/s3-sigv4.test.ts` ↔ `lib/local/s3-sigv4.ts`, likewise `bin/`,
 * `scripts/` and `test/` — `test/unit/test/fuzz/oracle.test.ts` ↔ `test/fuzz/oracle.ts`). Several files for one
 * module add an aspect: `<module>.<aspect>.test.ts` (`offline.jws-attacks.test.ts`). Builders, worlds and fixtures
 * live in `test/support/`, not beside the tests.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OWN_ROOTS = new Set(['lib', 'bin', 'scripts', 'test']);
const RULE =
  'test/unit/<p>.test.ts must test lambdas/<p>.ts (or <root>/<p>.ts when <p> starts with lib/, bin/, scripts/ or ' +
  'test/); several files for one module are <module>.<aspect>.test.ts; support files belong in test/support/';

/** Every file under a directory of the repository, as repository paths with `/` separators, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(`${ROOT}${dir}`, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(ROOT.length).split('\\').join('/'))
    .sort();
}

/**
 * The source modules a unit-test path may name: itself, or itself without its `.<aspect>`.
 *
 * @example
 * candidateModules('test/unit/domain/verification/offline.jws-attacks.test.ts');
 * // ['lambdas/domain/verification/offline.jws-attacks.ts', 'lambdas/domain/verification/offline.ts']
 */
function candidateModules(testFile: string): string[] {
  const named = testFile.slice('test/unit/'.length, -'.test.ts'.length);
  const root = OWN_ROOTS.has(named.split('/')[0] ?? '') ? '' : 'lambdas/';
  const withoutAspect = named.replace(/\.[^./]+$/, '');
  return [...new Set([named, withoutAspect])].map((module) => `${root}${module}.ts`);
}

/** The module a unit-test file tests, or undefined when the file names none. */
const moduleOf = (testFile: string) => candidateModules(testFile).find((module) => existsSync(`${ROOT}${module}`));

const unitFiles = filesUnder('test/unit');
const unitTests = unitFiles.filter((file) => file.endsWith('.test.ts'));

describe('test/unit mirrors the source tree', () => {
  test('every unit test names a module that exists', () => {
    // Assess
    const offenders = unitTests.filter((file) => moduleOf(file) === undefined);
    expect(offenders, RULE).toEqual([]);
  });

  test('holds only tests (builders, worlds and fixtures live in test/support/)', () => {
    // Assess
    expect(
      unitFiles.filter((file) => !file.endsWith('.test.ts')),
      RULE,
    ).toEqual([]);
  });

  test('the rule reads paths as documented (lambdas/ by default, an own root for lib/ bin/ scripts/ test/)', () => {
    // Assess
    expect(candidateModules('test/unit/domain/licence-number.test.ts')).toEqual(['lambdas/domain/licence-number.ts']);
    expect(candidateModules('test/unit/lib/local/s3-sigv4.test.ts')).toEqual(['lib/local/s3-sigv4.ts']);
    expect(candidateModules('test/unit/test/fuzz/oracle.test.ts')).toEqual(['test/fuzz/oracle.ts']);
    expect(candidateModules('test/unit/use-cases/request-hash.value-objects.test.ts')).toEqual([
      'lambdas/use-cases/request-hash.value-objects.ts',
      'lambdas/use-cases/request-hash.ts',
    ]);
    expect(moduleOf('test/unit/use-cases/request-hash.value-objects.test.ts')).toBe(
      'lambdas/use-cases/request-hash.ts',
    );
    expect(moduleOf('test/unit/lambdas/domain/licence-number.test.ts')).toBeUndefined();
  });
});

// The converse, as a figure rather than a rule: not every use-case file needs a test of its own (`deps.ts` holds
// types), so the count is information for the notes — carried in the test's title, never printed.
const useCaseFiles = filesUnder('lambdas/use-cases').filter((file) => file.endsWith('.ts'));
const testedModules = new Set(unitTests.map(moduleOf));
const testedUseCases = useCaseFiles.filter((file) => testedModules.has(file));

describe('use-case coverage (information)', () => {
  test(`${testedUseCases.length} of ${useCaseFiles.length} use-case files have at least one unit test`, () => {
    // Assess: the figure counts the real tree through the same mapping (a broken mapping would find no use case)
    expect(useCaseFiles.length).toBeGreaterThan(0);
    expect(testedUseCases.length).toBeGreaterThan(0);
  });
});
