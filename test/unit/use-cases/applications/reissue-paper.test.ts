/**
 * reissuePaper (补领) on the in-memory fakes: a new paper copy of the same version under a new paper serial — the
 * version record untouched, the reprint its own record with its own PDF carrying the version's signed QR, the head and
 * its audit event committed together; with a paper copy, its dispatch and outbox message in the same transaction and
 * the message published after it; the same key replays the print (the message published again, nothing written
 * twice); an unknown licence is 404, a revoked one 409, and a caller's part that fails leaves everything as it was.
 */

import { describe, expect, test } from 'vitest';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { decodeEntry } from '../../../../lambdas/domain/transparency/entries';
import { reissuePaper } from '../../../../lambdas/use-cases/applications/reissue-paper';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  FakeWorld,
  fakeReissueDeps,
  fakeStatusChangeDeps,
  filed,
  issued,
  officer,
  postalAddress,
} from '../../../support/fakes';

const input = (licenceNo: LicenceNumber, key = 'application:APP-20261127-REISSUE01') => ({
  licenceNo,
  actor: officer,
  idempotencyKey: key,
  source: key,
});

describe('reissuePaper', () => {
  test('prints the same version under a new paper serial, with its own PDF carrying the version’s QR, audited', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version } = await issued(world, { seed: 1 });
    world.publisher.forget();
    world.clock.advance({ days: 30 });
    const at = world.clock.now().toISOString();

    // Act
    const { print, replayed } = await reissuePaper(fakeReissueDeps(world), input(certificate.licenceNumber));

    // Assess
    expect(replayed).toBe(false);
    expect(print).toMatchObject({
      version: 1,
      replacesPaperSerial: certificate.paperSerial,
      qrText: version.qrText,
      printedAt: at,
      printedBy: officer,
      source: 'application:APP-20261127-REISSUE01',
    });
    expect(print.paperSerial).not.toBe(certificate.paperSerial);
    expect(print.licenceNo.equals(certificate.licenceNumber)).toBe(true);
    expect(print.pdf.key).toMatch(
      new RegExp(
        `^certificates/${certificate.licenceNumber.toUrlSafe()}/v1/print-${print.paperSerial}-[0-9a-f]{64}\\.pdf$`,
      ),
    );
    expect(world.renderer.rendered.at(-1)).toMatchObject({
      qrText: version.qrText,
      printable: { paperSerial: print.paperSerial, version: 1 },
    });
    expect(await world.pdfs.get(print.pdf.key)).toBeDefined();
    const head = await world.certificates.get(certificate.licenceNumber);
    expect(head).toMatchObject({ currentVersion: 1, updatedAt: at });
    expect(head?.certificate).toMatchObject({ paperSerial: print.paperSerial, revision: certificate.revision + 1 });
    expect(await world.certificates.getVersion(certificate.licenceNumber, 1)).toEqual(version);
    const [event] = (await world.certificates.listAudit(certificate.licenceNumber, { limit: 1 })).items;
    expect(event).toMatchObject({
      at,
      action: 'certificate.reissue-paper',
      actor: officer,
      details: { version: 1, paperSerial: print.paperSerial, replaces: certificate.paperSerial },
    });
    expect(world.table.dispatches.size).toBe(0);
    // The reissue's transparency-log entry: written with the reprint, announced after it.
    const logged = `reissue.${certificate.licenceNumber.toUrlSafe()}.${print.paperSerial}`;
    const pending = world.table.pendingLog.get(logged);
    expect(pending && decodeEntry(pending.entry)).toEqual({
      type: 'paper-reissue',
      licenceNumber: certificate.licenceNumber.toString(),
      version: 1,
      paperSerial: print.paperSerial,
      time: at,
    });
    expect(world.publisher.calls).toEqual([[`log#${logged}`]]);
  });

  test('with a paper copy: the dispatch and its message are committed with the reprint, the message sent after it', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 2 });
    world.publisher.forget();
    let printsAtPublish = -1;
    world.publisher.onPublish = () => {
      printsAtPublish = world.table.prints.size;
    };

    // Act
    const { print } = await reissuePaper(fakeReissueDeps(world), {
      ...input(certificate.licenceNumber),
      paperCopy: { address: postalAddress },
    });

    // Assess
    const dispatches = [...world.table.dispatches.values()];
    expect(dispatches).toHaveLength(1);
    expect(dispatches[0]).toMatchObject({
      reason: 'reissue',
      paperSerial: print.paperSerial,
      version: 1,
      uscc: certificate.enterprise.uscc,
      address: postalAddress,
      requestedBy: officer.id,
      requestedAt: print.printedAt,
      state: 'pending',
    });
    const logged = `log#reissue.${certificate.licenceNumber.toUrlSafe()}.${print.paperSerial}`;
    expect(world.publisher.sentKeys()).toEqual([logged, `dispatch#${dispatches[0]?.id}`]);
    expect([...world.table.outbox.keys()]).toEqual([
      `webhooks#evt_${certificate.licenceNumber.toUrlSafe()}_r1`, // the issuance's, not the reissue's
      `dispatch#${dispatches[0]?.id}`,
    ]);
    expect([...world.table.pendingLog.keys()]).toEqual([
      `issuance.${certificate.licenceNumber.toUrlSafe()}.v1`,
      logged.slice('log#'.length),
    ]);
    expect(printsAtPublish).toBe(1);
  });

  test('the same key replays the print: nothing written twice, the parcel’s message published again', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 3 });
    world.publisher.forget();
    const deps = fakeReissueDeps(world);
    const request = { ...input(certificate.licenceNumber), paperCopy: { address: postalAddress } };
    const first = await reissuePaper(deps, request);
    const head = await world.certificates.get(certificate.licenceNumber);
    world.clock.advance({ minutes: 3 });

    // Act
    const again = await reissuePaper(deps, request);

    // Assess
    expect(again).toEqual({ print: first.print, replayed: true });
    expect(await world.certificates.get(certificate.licenceNumber)).toEqual(head);
    expect(world.table.prints.size).toBe(1);
    expect(world.table.dispatches.size).toBe(1);
    const key = `dispatch#${[...world.table.dispatches.keys()][0]}`;
    const logged = `log#reissue.${certificate.licenceNumber.toUrlSafe()}.${first.print.paperSerial}`;
    expect(world.publisher.sentKeys()).toEqual([logged, key, key]);
  });

  test('an unknown licence is 404; a revoked one is refused by the entity; neither writes anything', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 4 });
    world.publisher.forget();
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'revoke',
      actor: officer,
      publicReason: '吊销',
      legalBasis: '条例',
    });
    const head = await world.certificates.get(certificate.licenceNumber);
    const deps = fakeReissueDeps(world);

    // Act
    const unknown = await reissuePaper(deps, input(LicenceNumber.parse('(鄂)XK06-001-09999'))).catch((e) => e);
    const revoked = await reissuePaper(deps, input(certificate.licenceNumber, 'reissue:revoked-01')).catch((e) => e);

    // Assess
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect(revoked).toMatchObject({ kind: 'conflict', code: 'CERTIFICATE_CLOSED' });
    expect(await world.certificates.get(certificate.licenceNumber)).toEqual(head);
    expect(world.table.prints.size).toBe(0);
  });

  test('the caller’s parts are written in the reprint’s transaction; one that fails leaves everything as it was', async () => {
    // Prepare: the caller's application moved on since it was read
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 5 });
    world.publisher.forget();
    const app = await filed(world, { seed: 15 });
    const head = await world.certificates.get(certificate.licenceNumber);
    const deps = fakeReissueDeps(world);
    const stale = { ...app, state: 'issued' as const, revision: app.revision + 1 };

    // Act
    const error = await reissuePaper(deps, {
      ...input(certificate.licenceNumber),
      paperCopy: { address: postalAddress },
      parts: () => [{ kind: 'application-saved', application: stale, expectedRevision: app.revision - 1 }],
    }).catch((e) => e);
    const written = await reissuePaper(deps, {
      ...input(certificate.licenceNumber, 'reissue:with-part-1'),
      parts: (reprinted) => [
        {
          kind: 'application-saved',
          application: {
            ...stale,
            outcome: { licenceNo: reprinted.licenceNo, paperSerial: reprinted.paperSerial, on: '2026-11-27' },
          },
          expectedRevision: app.revision,
        },
      ],
    });

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
    // Only the reprint that was written announced anything (its log entry); the refused one published nothing.
    expect(world.publisher.calls).toEqual([
      [`log#reissue.${certificate.licenceNumber.toUrlSafe()}.${written.print.paperSerial}`],
    ]);
    expect(world.table.dispatches.size).toBe(0);
    expect((await world.applications.get(app.id))?.outcome?.paperSerial).toBe(written.print.paperSerial);
    expect(world.table.prints.size).toBe(1);
    expect((await world.certificates.get(certificate.licenceNumber))?.certificate.revision).toBe(
      (head?.certificate.revision ?? 0) + 1,
    );
  });
});
