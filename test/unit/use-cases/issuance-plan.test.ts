/**
 * planIssuance and previewCertificate on the in-memory register: what an issuance will produce, decided before any
 * serial is reserved — a new licence from the first product's sequence, products added to the enterprise's live
 * licence, an amendment or a renewal of an existing one, a new licence replacing the guard of one no longer live —
 * and the dry run with placeholder serials that runs every rule of the entity.
 */

import { describe, expect, test } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { MAX_PAPER_SEQUENCE, PaperSerial } from '../../../lambdas/domain/paper-serial';
import { DEFAULT_DECISION, planIssuance, previewCertificate } from '../../../lambdas/use-cases/issuance-plan';
import { enterpriseFor, FakeWorld, fakePlanDeps, issued, officer } from '../../support/fakes';

const input = (change: Parameters<typeof planIssuance>[1]['change']) => ({ change, actor: officer, source: 'api' });

describe('planIssuance', () => {
  test('a new licence: from the first product’s sequence, the standard decision, the configured authority', async () => {
    // Prepare
    const world = new FakeWorld();
    const at = world.clock.now();

    // Act
    const plan = await planIssuance(
      fakePlanDeps(world),
      input({ kind: 'licence', enterprise: enterpriseFor(1), products: ['16-204', '06-001'] }),
      at,
    );
    const built = plan.build({ paperSerial: PaperSerial.of(2026, 7), licenceSerial: 42 }).toSnapshot();

    // Assess
    expect(plan.previous).toBeUndefined();
    expect(plan.replacesGuardOf).toBeUndefined();
    expect(plan.licenceSequence).toBe('42-XK16-204');
    expect(built).toMatchObject({
      licenceNumber: LicenceNumber.parse('(鄂)XK16-204-00042'),
      paperSerial: '20260000007',
      version: 1,
      issuingAuthority: world.settings.issuingAuthority,
      procedure: 'post-issuance-review',
    });
    expect(built.history[0]).toMatchObject({ to: 'valid', publicReason: DEFAULT_DECISION.publicReason });
  });

  test('products for an enterprise holding a live licence: a new version of that licence', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 2 });

    // Act
    const plan = await planIssuance(
      fakePlanDeps(world),
      input({
        kind: 'licence',
        enterprise: { ...enterpriseFor(2), uscc: ` ${enterpriseFor(2).uscc.toLowerCase()} ` },
        products: ['16-204'],
      }),
      world.clock.now(),
    );
    const built = plan.build({ paperSerial: PaperSerial.of(2026, 99) }).toSnapshot();

    // Assess
    expect(plan.previous?.revision).toBe(certificate.revision);
    expect(plan.licenceSequence).toBeUndefined();
    expect(built).toMatchObject({ licenceNumber: certificate.licenceNumber, version: 2 });
    expect(built.products.map((p) => `${p.categoryCode}-${p.productCode}`)).toEqual(['06-001', '16-204']);
  });

  test('an enterprise whose licence expired: a new licence that takes over its guard', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 3 });
    world.clock.set('2032-01-04T10:00:00+08:00');

    // Act
    const plan = await planIssuance(
      fakePlanDeps(world),
      input({ kind: 'licence', enterprise: enterpriseFor(3), products: ['06-001'] }),
      world.clock.now(),
    );

    // Assess
    expect(plan.previous).toBeUndefined();
    expect(plan.replacesGuardOf).toBe(certificate.licenceNumber);
    expect(plan.licenceSequence).toBe('42-XK06-001');
  });

  test('an amendment and a renewal build on the licence named; an unknown licence is 404', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 4 });
    const deps = fakePlanDeps(world);
    world.clock.set('2031-09-01T10:00:00+08:00'); // inside the renewal window

    // Act
    const amend = await planIssuance(
      deps,
      input({ kind: 'amend', licenceNo: certificate.licenceNumber, changes: { name: '武汉长江新线缆有限公司' } }),
      world.clock.now(),
    );
    const renew = await planIssuance(
      deps,
      input({ kind: 'renew', licenceNo: certificate.licenceNumber }),
      world.clock.now(),
    );
    const unknown = await planIssuance(
      deps,
      input({ kind: 'renew', licenceNo: LicenceNumber.parse('(鄂)XK06-001-09999') }),
      world.clock.now(),
    ).catch((e: unknown) => e);

    // Assess
    const paperSerial = PaperSerial.of(2031, 5);
    expect(amend.build({ paperSerial }).toSnapshot()).toMatchObject({
      version: 2,
      enterprise: { name: '武汉长江新线缆有限公司' },
    });
    expect(renew.build({ paperSerial }).toSnapshot().validUntil > certificate.validUntil).toBe(true);
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
  });

  test('an unknown first product is refused by the catalogue; an unknown configured province is a plain error', async () => {
    // Prepare
    const world = new FakeWorld();

    // Act
    const product = await planIssuance(
      fakePlanDeps(world),
      input({ kind: 'licence', enterprise: enterpriseFor(5), products: ['99-999'] }),
      world.clock.now(),
    ).catch((e: unknown) => e);
    const province = await planIssuance(
      fakePlanDeps(world, { settings: { province: '火', issuingAuthority: 'x' } }),
      input({ kind: 'licence', enterprise: enterpriseFor(5), products: ['06-001'] }),
      world.clock.now(),
    ).catch((e: unknown) => e);

    // Assess
    expect(product).toMatchObject({ kind: 'invalid' });
    expect(province).toBeInstanceOf(Error);
    expect(province).not.toHaveProperty('code');
  });
});

describe('previewCertificate', () => {
  test('builds with placeholder serials the previous version does not carry, running the entity’s rules', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 6 });
    const deps = fakePlanDeps(world);
    const fresh = await planIssuance(
      deps,
      input({ kind: 'licence', enterprise: enterpriseFor(7), products: ['06-001'] }),
      world.clock.now(),
    );
    const same = await planIssuance(
      deps,
      input({ kind: 'licence', enterprise: enterpriseFor(6), products: ['06-001'] }),
      world.clock.now(),
    );

    // Act
    const preview = previewCertificate(fresh, 2026);
    const noNewProducts = (() => {
      try {
        return previewCertificate(same, 2026);
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(preview.toSnapshot()).toMatchObject({
      licenceNumber: LicenceNumber.parse('(鄂)XK06-001-00001'),
      paperSerial: PaperSerial.of(2026, MAX_PAPER_SEQUENCE).toString(),
    });
    expect(noNewProducts).toMatchObject({ kind: 'conflict', code: 'NO_NEW_PRODUCTS' });
    expect(certificate.paperSerial).not.toBe(preview.toSnapshot().paperSerial);
  });

  test('avoids the previous version’s own paper serial when it is the placeholder', async () => {
    // Prepare: the year's paper sequence is at its end, so the licence was printed on the last serial
    const world = new FakeWorld();
    world.table.counters.set('PAPER#2026', MAX_PAPER_SEQUENCE - 1);
    const { certificate } = await issued(world, { seed: 8 });
    const plan = await planIssuance(
      fakePlanDeps(world),
      input({ kind: 'amend', licenceNo: certificate.licenceNumber, changes: { name: '武汉长江新线缆有限公司' } }),
      world.clock.now(),
    );

    // Act
    const preview = previewCertificate(plan, 2026);

    // Assess
    expect(certificate.paperSerial).toBe(PaperSerial.of(2026, MAX_PAPER_SEQUENCE).toString());
    expect(preview.toSnapshot().paperSerial).toBe(PaperSerial.of(2026, MAX_PAPER_SEQUENCE - 1).toString());
  });
});
