/**
 * `verify-draw`'s logic without a process or a network: a record or a plan document in, match or the first difference
 * out (one line), and exit codes 0 / 1 / 2. The documents come from in-memory files and a fake `fetchJson`; the real
 * process and real HTTP are tested in test/integration/supervision/verify-draw-cli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  type DrawDocumentVerdict,
  describeVerdict,
  type FetchJson,
  runVerifyDraw,
  verifyDrawDocument,
} from '../../../bin/verify-draw-lib';
import { canonicalEnterprises } from '../../../lambdas/domain/supervision/candidates';
import { commitmentOf, type DrawRecord, drawPlan } from '../../../lambdas/domain/supervision/draw';
import { usccWithCheck } from '../../../lambdas/domain/uscc';
import { manyEnterprises, manyInspectors, VECTOR_ENTROPY, VECTOR_SECRET } from '../../support/supervision';

const PLAN_ID = 'PLAN-2026-07';
const OTHER_SECRET = 'ab'.repeat(32);

/** A published record (30 of 500 enterprises, 2 inspectors each from 20), as JSON data. */
const published = (): DrawRecord =>
  JSON.parse(
    JSON.stringify(
      drawPlan({
        planId: PLAN_ID,
        rules: { sample: { kind: 'count', count: 30 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
        enterprises: manyEnterprises(500),
        inspectors: manyInspectors(20, 5),
        secret: VECTOR_SECRET,
        entropy: VECTOR_ENTROPY,
      }),
    ),
  ) as DrawRecord;

/** A fake network: the documents by URL, and the URLs asked. */
function network(documents: Record<string, unknown>): { fetchJson: FetchJson; asked: string[] } {
  const asked: string[] = [];
  const fetchJson: FetchJson = async (url) => {
    asked.push(url.href);
    if (!(url.href in documents)) throw new Error(`no document at ${url.href}`);
    return { json: documents[url.href], url };
  };
  return { fetchJson, asked };
}

const noNetwork = network({}).fetchJson;

/** Run the command on files and URLs held in memory. */
async function run(argument: string[], files: Record<string, string>, documents: Record<string, unknown> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyDraw(argument, {
    fetchJson: network(documents).fetchJson,
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const lineFor = async (record: unknown): Promise<string> =>
  describeVerdict(await verifyDrawDocument(record, { fetchJson: noNetwork }));

describe('a record file', () => {
  it('that matches: exit 0 and one line with the plan, the counts and the seed', async () => {
    // Prepare
    const record = published();

    // Act
    const result = await run(['record.json'], { 'record.json': JSON.stringify(record) });

    // Assess
    expect(result).toEqual({
      code: 0,
      out: `match — plan ${PLAN_ID}: 30 checks drawn from 500 enterprises, 20 inspectors; seed ${record.seed}`,
      err: '',
    });
  });

  it('with a candidate added: exit 1, MISMATCH naming the enterprise list digest, expected vs found', async () => {
    // Prepare
    const record = published();
    const extra = canonicalEnterprises([
      { uscc: usccWithCheck('91420100MB0000001'), licenceNumber: '(鄂)XK13-001-99999', categories: ['13-001'] },
    ]);
    const added = { ...record, enterprises: canonicalEnterprises([...record.enterprises, ...extra]) };

    // Act
    const result = await run(['added.json'], { 'added.json': JSON.stringify(added) });

    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(
        `^MISMATCH — plan ${PLAN_ID}: enterprise list digest: .*\\(enterpriseDigest\\): ` +
          `expected [0-9a-f]{64}, found ${record.enterpriseDigest}$`,
      ),
    );
  });

  it('names the difference for a candidate removed, another entropy value, another secret, a steered team', async () => {
    // Prepare
    const record = published();
    const steps = [...record.steps];
    const first = steps[0];
    if (first?.outcome !== 'drawn') throw new Error('fixture: step 0 is drawn');
    steps[0] = { ...first, inspectors: [...first.inspectors].reverse() };

    // Act
    const removed = await lineFor({ ...record, enterprises: record.enterprises.slice(1) });
    const entropy = await lineFor({ ...record, entropy: { ...record.entropy, value: '12345678' } });
    const secret = await lineFor({ ...record, secret: OTHER_SECRET });
    const resealed = await lineFor({ ...record, secret: OTHER_SECRET, commitment: commitmentOf(OTHER_SECRET) });
    const steered = await lineFor({ ...record, steps });
    const malformed = await lineFor({ ...record, entropy: { ...record.entropy, value: '12ab' } });

    // Assess
    expect(removed).toMatch(/^MISMATCH — .*enterprise list digest.*\(enterpriseDigest\): expected /);
    expect(entropy).toMatch(/^MISMATCH — .*seed, recomputed .*\(seed\): expected [0-9a-f]{64}, found /);
    expect(secret).toContain(
      `commitment: the revealed secret does not hash to the published commitment (commitment): ` +
        `expected ${commitmentOf(OTHER_SECRET)}, found ${record.commitment}`,
    );
    expect(resealed).toMatch(/\(seed\): expected/);
    expect(steered).toBe(
      `MISMATCH — plan ${PLAN_ID}: step 0 (enterprise ${first.uscc}): inspectors (steps.0.inspectors): ` +
        `expected [${first.inspectors.join(', ')}], found [${[...first.inspectors].reverse().join(', ')}]`,
    );
    expect(malformed).toMatch(/entropy value \(entropy\.value\): refused \(SUPERVISION_ENTROPY_MALFORMED\): /);
  });

  it('that is malformed, not JSON, missing, or neither record nor plan: exit 2 with a message on stderr', async () => {
    // Prepare
    const files = {
      'malformed.json': JSON.stringify({ ...published(), steps: 'none' }),
      'text.json': 'not json',
      'other.json': JSON.stringify({ hello: 'world' }),
    };

    // Act
    const results = await Promise.all(
      ['malformed.json', 'text.json', 'missing.json', 'other.json'].map((file) => run([file], files)),
    );

    // Assess
    expect(results.map((r) => [r.code, r.out])).toEqual(Array(4).fill([2, '']));
    expect(results.map((r) => r.err)).toEqual([
      'the document is not a valid draw record — steps: Invalid input: expected array, received string',
      expect.stringMatching(/^text\.json is not JSON: /),
      'cannot read missing.json: no such file',
      expect.stringMatching(/^the document is neither a draw record .* nor a plan document/),
    ]);
  });

  it('usage: exactly one argument, else exit 2 with the usage', async () => {
    // Act
    const none = await run([], {});
    const two = await run(['a.json', 'b.json'], {});

    // Assess
    expect([none.code, two.code]).toEqual([2, 2]);
    expect(none.err).toMatch(/^usage: npm run verify-draw -- /);
  });
});

describe('a plan document', () => {
  const PLAN_URL = 'https://permit.example/v1/supervision/plans/PLAN-2026-07';

  it('with its record embedded: verifies the embedded record without fetching', async () => {
    // Prepare
    const record = published();
    const { fetchJson, asked } = network({});

    // Act
    const verdict = await verifyDrawDocument(
      { id: PLAN_ID, name: '2026 年第三季度', record, links: { self: PLAN_URL } },
      { fetchJson, base: new URL(PLAN_URL) },
    );

    // Assess
    expect(verdict).toMatchObject({ match: true, source: 'embedded' });
    expect(asked).toEqual([]);
  });

  it('with a relative links.record: fetched against the plan URL, and a match', async () => {
    // Prepare
    const record = published();
    const plan = { id: PLAN_ID, links: { self: PLAN_URL, record: 'PLAN-2026-07/record' } };
    const documents = { [PLAN_URL]: plan, 'https://permit.example/v1/supervision/plans/PLAN-2026-07/record': record };

    // Act
    const result = await run([PLAN_URL], {}, documents);

    // Assess
    expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/^match — plan PLAN-2026-07: 30 checks/) });
  });

  it('not drawn yet: exit 2, "not drawn yet"', async () => {
    // Prepare
    const plan = { id: PLAN_ID, links: { self: PLAN_URL } };

    // Act
    const fromUrl = await run([PLAN_URL], {}, { [PLAN_URL]: plan });
    const fromFile = await run(['plan.json'], { 'plan.json': JSON.stringify({ ...plan, record: null }) });

    // Assess
    expect(fromUrl).toEqual({ code: 2, out: '', err: `plan ${PLAN_ID} is not drawn yet: it publishes no draw record` });
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toContain('not drawn yet');
  });

  it('read from a file with a relative record link: exit 2 asking for the URL; an absolute link is fetched', async () => {
    // Prepare
    const record = published();
    const relative = { id: PLAN_ID, links: { self: PLAN_URL, record: 'record' } };
    const absolute = { id: PLAN_ID, links: { self: PLAN_URL, record: `${PLAN_URL}/record` } };

    // Act
    const unresolved = await run(['plan.json'], { 'plan.json': JSON.stringify(relative) });
    const resolved = await run(
      ['plan.json'],
      { 'plan.json': JSON.stringify(absolute) },
      { [`${PLAN_URL}/record`]: record },
    );

    // Assess
    expect(unresolved).toMatchObject({ code: 2, err: expect.stringMatching(/relatively \("record"\).*plan’s URL/) });
    expect(resolved.code).toBe(0);
  });

  it('whose record is another plan’s, or differs from what the plan published at freezing: a mismatch', async () => {
    // Prepare
    const record = published();
    const plan = { id: PLAN_ID, record, links: { self: PLAN_URL } };
    const check = (json: unknown): Promise<DrawDocumentVerdict> => verifyDrawDocument(json, { fetchJson: noNetwork });

    // Act
    const otherPlan = await check({ ...plan, id: 'PLAN-2026-08' });
    const frozen = { enterpriseDigest: record.enterpriseDigest, inspectorDigest: record.inspectorDigest };
    const otherCommitment = await check({ ...plan, commitment: { ...frozen, commitment: commitmentOf(OTHER_SECRET) } });
    const otherSecret = await check({ ...plan, draw: { secret: OTHER_SECRET, seed: record.seed } });
    const otherEntropy = await check({ ...plan, entropy: { value: '99999999' } });
    const sameFrozen = await check({
      ...plan,
      commitment: { ...frozen, commitment: record.commitment.toUpperCase() },
      entropy: { value: record.entropy.value },
      draw: { secret: record.secret, seed: record.seed },
    });

    // Assess
    expect(otherPlan).toMatchObject({
      match: false,
      difference: { field: 'planId', expected: 'PLAN-2026-08', actual: PLAN_ID },
    });
    expect(otherCommitment).toMatchObject({ match: false, difference: { field: 'plan.commitment' } });
    expect(describeVerdict(otherCommitment)).toContain('commitment published by the plan at freezing');
    expect(otherSecret).toMatchObject({ match: false, difference: { field: 'plan.secret' } });
    expect(otherEntropy).toMatchObject({ match: false, difference: { field: 'plan.entropy' } });
    expect(sameFrozen.match).toBe(true);
  });

  it('whose linked record cannot be fetched: exit 2 with the reason', async () => {
    // Prepare
    const plan = { id: PLAN_ID, links: { self: PLAN_URL, record: 'gone' } };

    // Act
    const result = await run([PLAN_URL], {}, { [PLAN_URL]: plan });

    // Assess
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('no document at') });
  });
});
