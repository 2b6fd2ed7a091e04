/**
 * `npm run verify -- --status-list` as a real process: a list signed with a generated ES256 key (through the domain's
 * own `signStatusList`) and its JWKS saved to files, then each licence's status read back offline — valid exits 0,
 * suspended, revoked and cancelled exit 1 with their words; a tampered list, a list checked with another key's JWKS,
 * an expired list and an index outside the list are refused with their codes (exit 1); bad input is a usage error
 * (exit 2), never a stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import { statusValueOf } from '../../../lambdas/domain/status-list/licence-status';
import { STATUS_LIST_SIZE, StatusList } from '../../../lambdas/domain/status-list/status-list';
import { signStatusList } from '../../../lambdas/domain/status-list/status-list-token';
import { FakeSigner } from '../../support/fakes/signer';
import { runVerifyCli } from '../../support/processes';

const SUB = 'https://permit.amr.hubei.gov.cn/status-lists/1';
const INDEX = { valid: 4711, suspended: 1, revoked: 77_777, cancelled: STATUS_LIST_SIZE - 1 } as const;

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  // Prepare: a real list and its key set, the way the service publishes them, saved as a platform would
  dir = mkdtempSync(join(tmpdir(), 'permit-status-list-cli-'));
  const signer = new FakeSigner();
  const stranger = new FakeSigner();
  const now = Math.floor(Date.now() / 1000);
  const keySet = await KeySet.fromRecords([signer.record(new Date((now - 3 * 86_400) * 1000))]);
  const otherKeySet = await KeySet.fromRecords([stranger.record(new Date((now - 3 * 86_400) * 1000))]);
  const list = StatusList.fromEntries(STATUS_LIST_SIZE, [
    { index: INDEX.suspended, status: statusValueOf('suspended') },
    { index: INDEX.revoked, status: statusValueOf('revoked') },
    { index: INDEX.cancelled, status: statusValueOf('cancelled') },
  ]);
  const jwt = await signStatusList(list, { sub: SUB, iat: now - 60, exp: now + 86_400, ttl: 5 }, signer);
  const expired = await signStatusList(list, { sub: SUB, iat: now - 2 * 86_400, exp: now - 86_400, ttl: 5 }, signer);
  const allRevoked = StatusList.fromEntries(STATUS_LIST_SIZE, [{ index: INDEX.valid, status: 1 }]);
  const other = await signStatusList(allRevoked, { sub: SUB, iat: now - 60, exp: now + 86_400, ttl: 5 }, signer);
  const [header, , signature] = jwt.split('.');
  writeFileSync(file('list.jwt'), `${jwt}\n`);
  writeFileSync(file('expired.jwt'), expired);
  // Another list's payload under this list's signature: what an attacker flipping a licence to "valid" would try.
  writeFileSync(file('tampered.jwt'), [header, other.split('.')[1], signature].join('.'));
  writeFileSync(file('jwks.json'), JSON.stringify(keySet.toJwks()));
  writeFileSync(file('other-jwks.json'), JSON.stringify(otherKeySet.toJwks()));
  writeFileSync(file('not-jwks.json'), JSON.stringify({ keys: [{ kty: 'EC' }] }));
  writeFileSync(
    file('certificate.json'),
    JSON.stringify({ licenceNo: '(鄂)XK13-001-00042', validUntil: '2031-09-30', statusListIndex: INDEX.suspended }),
  );
  writeFileSync(
    file('answer.json'),
    JSON.stringify({ verdict: 'valid', certificate: { statusListIndex: INDEX.valid } }),
  );
  writeFileSync(file('old-view.json'), JSON.stringify({ licenceNo: '(鄂)XK13-001-00042', validUntil: '2031-09-30' }));
});

const verify = (...args: string[]) => runVerifyCli(args);

const check = (list: string, ...rest: string[]) =>
  verify('--status-list', file(list), '--jwks', file('jwks.json'), ...rest);

describe('a licence in a verified list', () => {
  test('valid: exit 0, 有效, the list’s times in Beijing time, and that expiry is not in the list', async () => {
    // Act
    const run = await check('list.jwt', '--index', String(INDEX.valid));

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('有效 VALID');
    expect(run.stdout).toContain(`Licence status (status list index ${INDEX.valid}): valid`);
    expect(run.stdout).toContain('✓ 状态列表签名 List signature: 通过 PASS');
    expect(run.stdout).toMatch(/签发时间 Issued at \(iat\): +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 北京时间/);
    expect(run.stdout).toMatch(/失效时间 Expires at \(exp\): +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 北京时间/);
    expect(run.stdout).toContain('does not say whether a licence has expired');
    expect(run.stderr).toBe('');
  });

  test.each([
    ['suspended', '暂扣 SUSPENDED', INDEX.suspended],
    ['revoked', '吊销 REVOKED', INDEX.revoked],
    ['cancelled', '注销 CANCELLED', INDEX.cancelled],
  ] as const)('%s: exit 1 with its words', async (status, words, index) => {
    const run = await check('list.jwt', '--index', String(index));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(words);
    expect(run.stdout).toContain(`Licence status (status list index ${index}): ${status}`);
  });

  test('as JSON', async () => {
    const run = await check('list.jwt', '--index', String(INDEX.revoked), '--json');
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout);
    expect(body).toMatchObject({
      mode: 'status-list',
      index: INDEX.revoked,
      status: 'revoked',
      value: 1,
      label: { zh: '吊销', en: 'revoked' },
      signatureValid: true,
      claims: { sub: SUB, ttl: 5 },
      expiryChecked: false,
    });
    expect(new Date(body.expiresAt).getTime()).toBe(body.claims.exp * 1000);
  });

  test('the index from a saved certificate view, with its licence and validity shown', async () => {
    const run = await check('list.jwt', '--certificate', file('certificate.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Licence status (status list index ${INDEX.suspended}): suspended`);
    expect(run.stdout).toContain('(鄂)XK13-001-00042');
    expect(run.stdout).toContain('2031-09-30');
  });

  test('the index from a saved verification answer (certificate.statusListIndex)', async () => {
    const run = await check('list.jwt', '--certificate', file('answer.json'), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ index: INDEX.valid, status: 'valid' });
  });
});

describe('refused lists and indices: exit 1 with the code, no stack trace', () => {
  test.each([
    ['a tampered list', ['tampered.jwt', '--index', String(INDEX.valid)], 'STATUS_LIST_SIGNATURE_INVALID'],
    ['an expired list', ['expired.jwt', '--index', String(INDEX.valid)], 'STATUS_LIST_EXPIRED'],
    ['an index past the end', ['list.jwt', '--index', String(STATUS_LIST_SIZE)], 'STATUS_LIST_INDEX_OUT_OF_RANGE'],
    ['a negative index', ['list.jwt', '--index', '-1'], 'STATUS_LIST_INDEX_OUT_OF_RANGE'],
    ['a huge index', ['list.jwt', '--index', '99999999999999999999'], 'STATUS_LIST_INDEX_OUT_OF_RANGE'],
    ['a file that is no list', ['jwks.json', '--index', '0'], 'STATUS_LIST_MALFORMED'],
  ])('%s', async (_, [list, ...rest], code) => {
    const run = await check(list as string, ...rest);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Status list REFUSED [${code}]`);
    expect(run.stdout).not.toMatch(/有效 VALID|\n\s+at /);
    expect(run.stderr).toBe('');
  });

  test('a list checked with another key’s JWKS: unknown key', async () => {
    const run = await verify('--status-list', file('list.jwt'), '--index', '0', '--jwks', file('other-jwks.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[STATUS_LIST_KEY_UNKNOWN]');
  });

  test('a refusal as JSON', async () => {
    const run = await check('tampered.jwt', '--index', '0', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      mode: 'status-list',
      index: 0,
      refused: { code: 'STATUS_LIST_SIGNATURE_INVALID' },
    });
  });
});

describe('usage errors: exit 2 with a clear message and the usage', () => {
  test.each([
    ['an index that is not a number', () => check('list.jwt', '--index', 'abc'), '--index must be a whole number'],
    ['a fractional index', () => check('list.jwt', '--index', '1.5'), '--index must be a whole number'],
    ['no index', () => check('list.jwt'), 'either --index <N> or --certificate'],
    [
      'both an index and a view',
      () => check('list.jwt', '--index', '1', '--certificate', file('certificate.json')),
      'either --index <N> or --certificate',
    ],
    [
      'a view without a status-list index',
      () => check('list.jwt', '--certificate', file('old-view.json')),
      'has no status-list index',
    ],
    ['a missing view', () => check('list.jwt', '--certificate', file('nope.json')), 'no such file'],
    ['a missing list', () => check('nope.jwt', '--index', '1'), 'cannot read the status list'],
    [
      'a missing JWKS',
      () => verify('--status-list', file('list.jwt'), '--index', '1', '--jwks', file('nope.json')),
      'cannot read the JWKS',
    ],
    [
      'a JWKS that holds no key set',
      () => verify('--status-list', file('list.jwt'), '--index', '1', '--jwks', file('not-jwks.json')),
      'KEYSET_INVALID',
    ],
    ['no --jwks', () => verify('--status-list', file('list.jwt'), '--index', '1'), '--status-list needs --jwks'],
    [
      'a QR or PDF beside the list',
      () => check('list.jwt', '--index', '1', file('certificate.pdf')),
      'give no positional argument',
    ],
    ['--index without --status-list', () => verify('--index', '1', 'x'), 'only used with --status-list'],
  ])('%s', async (_, run, message) => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: npm run verify');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
