/**
 * One licence read from a signed list: the list verifies first, then the entry is named; an index outside the list
 * is refused only once the signature held, so a forged list never answers "out of range".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { KeySet } from '../../../../lambdas/domain/signing/key-set';
import { readLicenceInList } from '../../../../lambdas/domain/status-list/licence-in-list';
import { STATUS_LIST_SIZE, StatusList } from '../../../../lambdas/domain/status-list/status-list';
import { signStatusList } from '../../../../lambdas/domain/status-list/status-list-token';
import { FakeSigner } from '../../../support/fakes/signer';

const SUB = 'https://permit.amr.hubei.gov.cn/status-lists/1';
const NOW = new Date('2026-10-01T08:00:00+08:00');
const IAT = Math.floor(NOW.getTime() / 1000);

const signer = new FakeSigner();
let keySet: KeySet;
let jwt: string;
beforeAll(async () => {
  keySet = await KeySet.fromRecords([signer.record(new Date(NOW.getTime() - 86_400_000))]);
  const list = StatusList.fromEntries(STATUS_LIST_SIZE, [{ index: 9, status: 3 }]);
  jwt = await signStatusList(list, { sub: SUB, iat: IAT, exp: IAT + 86_400, ttl: 5 }, signer);
});

const codeOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (e: unknown) => (isPermitError(e) ? e.code : `untyped: ${String(e)}`),
  );

describe('readLicenceInList', () => {
  it('names the status at the index, with the list’s claims and signing key', async () => {
    // Act
    const read = await readLicenceInList(jwt, keySet, 9, { now: NOW });

    // Assess
    expect(read).toEqual({
      index: 9,
      value: 3,
      status: 'cancelled',
      claims: { sub: SUB, iat: IAT, exp: IAT + 86_400, ttl: 5 },
      kid: signer.kid,
      size: STATUS_LIST_SIZE,
    });
    expect((await readLicenceInList(jwt, keySet, 10, { now: NOW })).status).toBe('valid');
  });

  it('refuses an index outside the list, but a forged list first for its signature', async () => {
    // Prepare
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const forged = [header, payload, `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`].join('.');

    // Act
    const outOfRange = await codeOf(readLicenceInList(jwt, keySet, STATUS_LIST_SIZE, { now: NOW }));
    const forgedOutOfRange = await codeOf(readLicenceInList(forged, keySet, STATUS_LIST_SIZE, { now: NOW }));

    // Assess
    expect(outOfRange).toBe('STATUS_LIST_INDEX_OUT_OF_RANGE');
    expect(forgedOutOfRange).toBe('STATUS_LIST_SIGNATURE_INVALID');
  });
});
