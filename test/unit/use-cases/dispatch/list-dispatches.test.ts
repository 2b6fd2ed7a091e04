/**
 * The parcel lists on the in-memory fakes: an enterprise's own parcels newest first and paged (staff have none: 403);
 * the staff list of one state in one month, the month taken in Asia/Shanghai; a certificate's parcels for its holder
 * or staff — only that licence's, though one Query reads the holder's — while another enterprise's certificate
 * answers 404 exactly like one that does not exist.
 */

import { describe, expect, test } from 'vitest';
import type { Dispatch } from '../../../../lambdas/domain/dispatch';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { reissuePaper } from '../../../../lambdas/use-cases/applications/reissue-paper';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  listCertificateDispatches,
  listDispatchesByStateAndMonth,
  listMyDispatches,
} from '../../../../lambdas/use-cases/dispatch/list-dispatches';
import {
  enterpriseViewer,
  FakeWorld,
  fakeDispatchListDeps,
  fakeReissueDeps,
  fakeStatusChangeDeps,
  issued,
  officer,
  postalAddress,
  staff,
} from '../../../support/fakes';

const paperCopy = { address: postalAddress };

/** The parcel of a paper serial. */
const parcelOf = (world: FakeWorld, paperSerial: string): Dispatch => {
  const found = [...world.table.dispatches.values()].find((d) => d.paperSerial === paperSerial);
  if (!found) throw new Error(`no parcel for ${paperSerial}`);
  return found;
};

describe('listMyDispatches', () => {
  test('the enterprise’s own parcels, newest first, paged; staff have none (403)', async () => {
    // Prepare: enterprise 1 has its certificate mailed, then a reprint a day later; enterprise 2 one parcel
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 1, paperCopy });
    await issued(world, { seed: 2, paperCopy });
    world.clock.advance({ days: 1 });
    const { print } = await reissuePaper(fakeReissueDeps(world), {
      licenceNo: certificate.licenceNumber,
      actor: officer,
      idempotencyKey: 'reissue:list-0001',
      source: 'api',
      paperCopy,
    });
    const deps = fakeDispatchListDeps(world);

    // Act
    const all = await listMyDispatches(deps, { viewer: enterpriseViewer(1) });
    const page1 = await listMyDispatches(deps, { viewer: enterpriseViewer(1), limit: 1 });
    const page2 = await listMyDispatches(deps, {
      viewer: enterpriseViewer(1),
      limit: 1,
      cursor: page1.cursor as string,
    });
    const byStaff = await Promise.resolve()
      .then(() => listMyDispatches(deps, { viewer: staff() }))
      .catch((e) => e);

    // Assess
    expect(all.items.map((d) => d.paperSerial)).toEqual([print.paperSerial, certificate.paperSerial]);
    expect(all.items.map((d) => d.reason)).toEqual(['reissue', 'issue']);
    expect([...page1.items, ...page2.items]).toEqual(all.items);
    expect(byStaff).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
  });
});

describe('listDispatchesByStateAndMonth', () => {
  test('one state’s parcels of one Shanghai month, newest first', async () => {
    // Prepare: parcels half an hour either side of midnight into December (Shanghai); in UTC both are November
    const world = new FakeWorld({ at: '2026-11-30T23:30:00+08:00' });
    const november = await issued(world, { seed: 3, paperCopy });
    world.clock.set('2026-12-01T00:30:00+08:00');
    const december = await issued(world, { seed: 4, paperCopy });
    world.clock.set('2026-12-01T09:00:00+08:00');
    const labelled = await issued(world, { seed: 5, paperCopy });
    const labelledParcel = parcelOf(world, labelled.certificate.paperSerial);
    await world.dispatches.recordWaybill(labelledParcel, 'SF1234567890123', world.clock.now());
    world.clock.set('2026-12-01T10:00:00+08:00');
    const later = await issued(world, { seed: 6, paperCopy });
    const deps = fakeDispatchListDeps(world);

    // Act
    const pendingNovember = await listDispatchesByStateAndMonth(deps, { state: 'pending', month: '2026-11' });
    const pendingDecember = await listDispatchesByStateAndMonth(deps, { state: 'pending', month: '2026-12' });
    const labelledDecember = await listDispatchesByStateAndMonth(deps, { state: 'label-created', month: '2026-12' });

    // Assess
    expect(pendingNovember.items.map((d) => d.paperSerial)).toEqual([november.certificate.paperSerial]);
    expect(pendingDecember.items.map((d) => d.paperSerial)).toEqual([
      later.certificate.paperSerial,
      december.certificate.paperSerial,
    ]);
    expect(labelledDecember.items.map((d) => [d.paperSerial, d.waybillNo])).toEqual([
      [labelled.certificate.paperSerial, 'SF1234567890123'],
    ]);
  });
});

describe('listCertificateDispatches', () => {
  test('the holder and staff see that licence’s parcels only; another enterprise gets 404 like a missing licence', async () => {
    // Prepare: enterprise 7's first licence is revoked, a second one issued; both were mailed
    const world = new FakeWorld();
    const first = await issued(world, { seed: 7, paperCopy });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: first.certificate.licenceNumber,
      action: 'revoke',
      actor: officer,
      publicReason: '吊销',
      legalBasis: '条例',
    });
    world.clock.advance({ days: 1 });
    const second = await issued(world, { seed: 7, paperCopy, products: ['16-204'] });
    const deps = fakeDispatchListDeps(world);
    const firstNo = first.certificate.licenceNumber;

    // Act
    const byHolder = await listCertificateDispatches(deps, { licenceNo: firstNo, viewer: enterpriseViewer(7) });
    const byStaff = await listCertificateDispatches(deps, {
      licenceNo: second.certificate.licenceNumber,
      viewer: staff('officer'),
    });
    const byOther = await listCertificateDispatches(deps, { licenceNo: firstNo, viewer: enterpriseViewer(8) }).catch(
      (e) => e,
    );
    const unknown = await listCertificateDispatches(deps, {
      licenceNo: LicenceNumber.parse('(鄂)XK06-001-09999'),
      viewer: staff(),
    }).catch((e) => e);

    // Assess
    expect(second.certificate.licenceNumber.equals(firstNo)).toBe(false);
    expect(byHolder.items.map((d) => d.paperSerial)).toEqual([first.certificate.paperSerial]);
    expect(byStaff.items.map((d) => d.paperSerial)).toEqual([second.certificate.paperSerial]);
    expect(byOther).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect((byOther as Error).message).toBe(`no certificate ${firstNo}`);
  });

  test('paged: a page may come back short, even empty (the holder’s other licence is left out); the cursor reaches them all', async () => {
    // Prepare: licence A mailed and reprinted twice, then revoked; licence B issued and reprinted, all mailed
    const world = new FakeWorld();
    const reprint = (licenceNo: LicenceNumber, n: number) =>
      reissuePaper(fakeReissueDeps(world), {
        licenceNo,
        actor: officer,
        idempotencyKey: `reissue:page-000${n}`,
        source: 'api',
        paperCopy,
      });
    const a = await issued(world, { seed: 9, paperCopy });
    const licenceNo = a.certificate.licenceNumber;
    world.clock.advance({ hours: 1 });
    const r1 = await reprint(licenceNo, 1);
    world.clock.advance({ hours: 1 });
    const r2 = await reprint(licenceNo, 2);
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo,
      action: 'revoke',
      actor: officer,
      publicReason: '吊销',
      legalBasis: '条例',
    });
    world.clock.advance({ hours: 1 });
    const b = await issued(world, { seed: 9, paperCopy, products: ['16-204'] });
    world.clock.advance({ hours: 1 });
    await reprint(b.certificate.licenceNumber, 3);
    const deps = fakeDispatchListDeps(world);

    // Act
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listCertificateDispatches(deps, {
        licenceNo,
        viewer: enterpriseViewer(9),
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.items.map((d) => d.paperSerial));
      cursor = page.cursor;
    } while (cursor && pages.length < 10);

    // Assess: B's two parcels are the newest, so the first page of A's is empty
    expect(pages).toEqual([[], [r2.print.paperSerial, r1.print.paperSerial], [a.certificate.paperSerial]]);
  });
});
