/**
 * paperCopyAddress: the postal address of an application's paper copy, read back from the stored application and
 * validated again — a structured address and the stored one-line form (`{ line }`) read back as they were written; a
 * stored value that no longer validates is refused naming `paperCopy.address`, so no parcel is ever requested to it.
 */

import { describe, expect, test } from 'vitest';
import { paperCopyAddress } from '../../../../lambdas/use-cases/applications/paper-copy';
import { FakeWorld, filed, postalAddress } from '../../../support/fakes';

describe('paperCopyAddress', () => {
  test('the address an application was filed with reads back from storage as it was validated', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await filed(world, { seed: 1, paperCopy: { address: postalAddress } });
    const stored = await world.applications.get(app.id);

    // Act
    const address = paperCopyAddress(stored?.paperCopy?.address);

    // Assess
    expect(address).toEqual(postalAddress);
  });

  test('a one-line address is stored as `{ line }` and parses again to the same', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await filed(world, {
      seed: 2,
      paperCopy: {
        address: {
          recipient: '李四',
          phone: '027-87654321',
          address: '湖北省武汉市武昌区中北路1号',
          postcode: '430071',
        },
      },
    });
    const stored = await world.applications.get(app.id);

    // Act
    const address = paperCopyAddress(stored?.paperCopy?.address);

    // Assess
    expect(address).toMatchObject({ recipient: '李四', address: { line: '湖北省武汉市武昌区中北路1号' } });
    expect(paperCopyAddress(JSON.parse(JSON.stringify(address)))).toEqual(address);
  });

  test('a stored value that no longer validates is a validation error naming paperCopy.address', () => {
    // Act
    const missing = (() => {
      try {
        return paperCopyAddress(undefined);
      } catch (e) {
        return e;
      }
    })();
    const badPhone = (() => {
      try {
        return paperCopyAddress({ ...postalAddress, phone: '12345' });
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(missing).toMatchObject({ kind: 'invalid' });
    expect(JSON.stringify((missing as { details: unknown }).details)).toContain('paperCopy.address');
    expect(badPhone).toMatchObject({ kind: 'invalid' });
    expect(JSON.stringify((badPhone as { details: unknown }).details)).toContain('paperCopy.address.phone');
  });
});
