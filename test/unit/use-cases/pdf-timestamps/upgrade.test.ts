/**
 * The PDF timestamper on the in-memory world: a version (or reprint) whose stored PDF is B-B gets a second, timestamped
 * file that becomes its PDF (pades B-T), both digests finding the same version, the earlier file kept, the audit event
 * written, the message completed and the transparency log untouched; a target already B-T or never signed only
 * completes its message; a TSA still down fails that message alone and leaves it pending with nothing written; a run
 * that lost the race reads again and finds the work done; a file that is not the registered one is never timestamped.
 */
import { describe, expect, test } from 'vitest';
import type { IssuedVersion } from '../../../../lambdas/domain/issued-version';
import type { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import type { PaperPrint } from '../../../../lambdas/domain/paper-print';
import type { PdfSealer } from '../../../../lambdas/ports/pdf-sealer';
import type { PdfTimestampRecorder } from '../../../../lambdas/ports/pdf-timestamp-recorder';
import { reissuePaper } from '../../../../lambdas/use-cases/applications/reissue-paper';
import { pdfKey, sha256Hex } from '../../../../lambdas/use-cases/issue-certificate';
import { pdfTimestampMessage, type TimestampTarget } from '../../../../lambdas/use-cases/pdf-timestamps/message';
import {
  PDF_TIMESTAMPED_ACTION,
  PDF_TIMESTAMPER_ACTOR,
  type TimestampOutcome,
  timestampPdfs,
} from '../../../../lambdas/use-cases/pdf-timestamps/upgrade';
import {
  certificateKeyOf,
  FakeWorld,
  fakePdfTimestamperDeps,
  fakeReissueDeps,
  issued,
  officer,
  outboxKeyOf,
} from '../../../support/fakes';

/** The queue's body of a target's message. */
const bodyOf = (target: TimestampTarget): string => JSON.stringify(pdfTimestampMessage(target, new Date()).body);

/**
 * A licence whose version 1 PDF is B-B, as an issuance during a TSA outage leaves it: the signed file stored and
 * registered in place of the render, and its `pdfTimestamps` message pending.
 */
async function signedWhileTsaDown(
  world: FakeWorld,
  seed = 1,
): Promise<{ licenceNo: LicenceNumber; bb: IssuedVersion }> {
  const { version } = await issued(world, { seed });
  const licenceNo = version.licenceNo;
  world.sealer.tsa = 'down';
  const sealed = await world.sealer.seal((await world.pdfs.get(version.pdf.key)) as Uint8Array);
  world.sealer.tsa = 'up';
  const stored = await world.pdfs.put(pdfKey(licenceNo, 1, sha256Hex(sealed.bytes)), sealed.bytes);
  const bb: IssuedVersion = { ...version, pdf: { ...stored, pades: 'B-B' } };
  world.table.versions.set(`${certificateKeyOf(licenceNo)}#1`, bb);
  world.table.pdfDigests.delete(version.pdf.sha256);
  world.table.pdfDigests.set(stored.sha256, { licenceNo, version: 1 });
  world.outbox.add(pdfTimestampMessage({ licenceNo, version: 1 }, world.clock.now()));
  return { licenceNo, bb };
}

const pending = (world: FakeWorld, target: TimestampTarget): boolean =>
  world.table.outbox.has(outboxKeyOf(pdfTimestampMessage(target, new Date())));

const value = (outcome: PromiseSettledResult<TimestampOutcome> | undefined): TimestampOutcome => {
  if (outcome?.status !== 'fulfilled') throw new Error(`not fulfilled: ${String(outcome?.status)}`);
  return outcome.value;
};

describe('timestampPdfs', () => {
  test('a B-B version gets its B-T file: both digests find the version, the old file stays, audited, completed', async () => {
    // Prepare
    const world = new FakeWorld();
    const { licenceNo, bb } = await signedWhileTsaDown(world);
    const logBefore = [...world.table.pendingLog.keys()];
    const bbBytes = (await world.pdfs.get(bb.pdf.key)) as Uint8Array;

    // Act
    const [outcome] = await timestampPdfs(fakePdfTimestamperDeps(world), [bodyOf({ licenceNo, version: 1 })]);

    // Assess
    const after = (await world.certificates.getVersion(licenceNo, 1)) as IssuedVersion;
    expect(value(outcome)).toEqual({ outcome: 'timestamped', from: bb.pdf.sha256, to: after.pdf.sha256 });
    expect(after.pdf).toMatchObject({ key: pdfKey(licenceNo, 1, after.pdf.sha256), pades: 'B-T' });
    expect(after).toEqual({ ...bb, pdf: after.pdf });
    const btBytes = (await world.pdfs.get(after.pdf.key)) as Uint8Array;
    expect(sha256Hex(btBytes)).toBe(after.pdf.sha256);
    expect(after.pdf.size).toBe(btBytes.byteLength);
    // An incremental update: the B-B file is a byte-identical prefix, and is still stored under its own key.
    expect(Buffer.from(btBytes.subarray(0, bbBytes.byteLength)).equals(Buffer.from(bbBytes))).toBe(true);
    expect(await world.pdfs.get(bb.pdf.key)).toEqual(bbBytes);
    expect(await world.certificates.findVersionByPdfSha256(bb.pdf.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await world.certificates.findVersionByPdfSha256(after.pdf.sha256)).toEqual({ licenceNo, version: 1 });
    const audit = (await world.certificates.listAudit(licenceNo, { limit: 10 })).items;
    expect(audit.find((e) => e.action === PDF_TIMESTAMPED_ACTION)).toMatchObject({
      actor: PDF_TIMESTAMPER_ACTOR,
      at: world.clock.now().toISOString(),
      details: { version: 1, from: bb.pdf.sha256, to: after.pdf.sha256 },
    });
    expect(pending(world, { licenceNo, version: 1 })).toBe(false);
    expect([...world.table.pendingLog.keys()]).toEqual(logBefore);
  });

  test('a version already B-T, or never signed, only completes its message', async () => {
    // Prepare
    const world = new FakeWorld();
    const done = await signedWhileTsaDown(world, 1);
    await timestampPdfs(fakePdfTimestamperDeps(world), [bodyOf({ licenceNo: done.licenceNo, version: 1 })]);
    const upgraded = await world.certificates.getVersion(done.licenceNo, 1);
    world.outbox.add(pdfTimestampMessage({ licenceNo: done.licenceNo, version: 1 }, world.clock.now()));
    world.sealer.certificate = false; // issued while no certificate was configured: no PDF signature
    const { version: unsigned } = await issued(world, { seed: 2 });
    world.sealer.certificate = true;
    world.outbox.add(pdfTimestampMessage({ licenceNo: unsigned.licenceNo, version: 1 }, world.clock.now()));
    const timestamps = world.sealer.timestamps;

    // Act
    const outcomes = await timestampPdfs(fakePdfTimestamperDeps(world), [
      bodyOf({ licenceNo: done.licenceNo, version: 1 }),
      bodyOf({ licenceNo: unsigned.licenceNo, version: 1 }),
    ]);

    // Assess
    expect(outcomes.map(value)).toEqual([{ outcome: 'already', pades: 'B-T' }, { outcome: 'already' }]);
    expect(world.sealer.timestamps).toBe(timestamps);
    expect(await world.certificates.getVersion(done.licenceNo, 1)).toEqual(upgraded);
    expect(await world.certificates.getVersion(unsigned.licenceNo, 1)).toEqual(unsigned);
    expect(pending(world, { licenceNo: done.licenceNo, version: 1 })).toBe(false);
    expect(pending(world, { licenceNo: unsigned.licenceNo, version: 1 })).toBe(false);
  });

  test('a TSA still down fails the message and writes nothing; once it answers, the same message succeeds', async () => {
    // Prepare
    const world = new FakeWorld();
    const { licenceNo, bb } = await signedWhileTsaDown(world);
    const objects = world.certificatesBucket.objects.size;
    world.sealer.tsa = 'down';

    // Act
    const [failed] = await timestampPdfs(fakePdfTimestamperDeps(world), [bodyOf({ licenceNo, version: 1 })]);

    // Assess
    expect(failed?.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'TSA_UNAVAILABLE' });
    expect(await world.certificates.getVersion(licenceNo, 1)).toEqual(bb);
    expect(world.certificatesBucket.objects.size).toBe(objects);
    expect((await world.certificates.listAudit(licenceNo, { limit: 10 })).items.map((e) => e.action)).not.toContain(
      PDF_TIMESTAMPED_ACTION,
    );
    expect(pending(world, { licenceNo, version: 1 })).toBe(true);

    // Act: the message comes back once the TSA answers
    world.sealer.tsa = 'up';
    const [retried] = await timestampPdfs(fakePdfTimestamperDeps(world), [bodyOf({ licenceNo, version: 1 })]);

    // Assess
    expect(value(retried)).toMatchObject({ outcome: 'timestamped', from: bb.pdf.sha256 });
    expect(pending(world, { licenceNo, version: 1 })).toBe(false);
  });

  test('one failing message never blocks the others of its batch; a bad body is dropped, an unknown target completed', async () => {
    // Prepare: the TSA refuses only the first licence's file
    const world = new FakeWorld();
    const a = await signedWhileTsaDown(world, 1);
    const b = await signedWhileTsaDown(world, 2);
    const refused = sha256Hex((await world.pdfs.get(a.bb.pdf.key)) as Uint8Array);
    const sealer: PdfSealer = {
      seal: (rendered) => world.sealer.seal(rendered),
      addDocumentTimestamp: async (pdf) => {
        if (sha256Hex(pdf) === refused) throw new Error('TSA refused this one');
        return world.sealer.addDocumentTimestamp(pdf);
      },
    };
    const unknown = { licenceNo: a.licenceNo, version: 9 };
    world.outbox.add(pdfTimestampMessage(unknown, world.clock.now()));

    // Act
    const outcomes = await timestampPdfs(fakePdfTimestamperDeps(world, { sealer: () => sealer }), [
      bodyOf({ licenceNo: a.licenceNo, version: 1 }),
      '{"licenceNo":"not a licence","version":1}',
      bodyOf({ licenceNo: b.licenceNo, version: 1 }),
      bodyOf(unknown),
    ]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(value(outcomes[1])).toEqual({ outcome: 'unreadable' });
    expect(value(outcomes[2])).toMatchObject({ outcome: 'timestamped', from: b.bb.pdf.sha256 });
    expect(value(outcomes[3])).toEqual({ outcome: 'missing' });
    expect(pending(world, { licenceNo: a.licenceNo, version: 1 })).toBe(true);
    expect(pending(world, { licenceNo: b.licenceNo, version: 1 })).toBe(false);
    expect(pending(world, unknown)).toBe(false);
  });

  test('a message delivered twice in one batch is timestamped once', async () => {
    // Prepare
    const world = new FakeWorld();
    const { licenceNo } = await signedWhileTsaDown(world);
    const body = bodyOf({ licenceNo, version: 1 });

    // Act
    const outcomes = await timestampPdfs(fakePdfTimestamperDeps(world), [body, body]);

    // Assess
    expect(outcomes.map(value)).toEqual([value(outcomes[0]), value(outcomes[0])]);
    expect(value(outcomes[0]).outcome).toBe('timestamped');
    expect(world.sealer.timestamps).toBe(1);
  });

  test('a run that lost the race reads again, finds the winner’s file and completes; only the winner is recorded', async () => {
    // Prepare: another run records its own timestamp just before this one's transaction
    const world = new FakeWorld();
    const { licenceNo, bb } = await signedWhileTsaDown(world);
    const body = bodyOf({ licenceNo, version: 1 });
    let winner: TimestampOutcome | undefined;
    const racing: PdfTimestampRecorder = {
      recordTimestamped: async (commit) => {
        winner ??= value((await timestampPdfs(fakePdfTimestamperDeps(world), [body]))[0]);
        return world.pdfTimestamps.recordTimestamped(commit);
      },
    };

    // Act
    const [outcome] = await timestampPdfs(fakePdfTimestamperDeps(world, { recorder: racing }), [body]);

    // Assess
    expect(value(outcome)).toEqual({ outcome: 'already', pades: 'B-T' });
    expect(winner).toMatchObject({ outcome: 'timestamped', from: bb.pdf.sha256 });
    const after = (await world.certificates.getVersion(licenceNo, 1)) as IssuedVersion;
    expect(after.pdf.sha256).toBe((winner as { to: string }).to);
    // Two B-T files were stored; only the winner's is registered (the other is the orphan sweep's).
    const registered = [...world.table.pdfDigests.keys()].filter((sha) =>
      world.table.pdfDigests.get(sha)?.licenceNo.equals(licenceNo),
    );
    expect(registered.sort()).toEqual([bb.pdf.sha256, after.pdf.sha256].sort());
    expect(world.sealer.timestamps).toBe(2);
    expect(pending(world, { licenceNo, version: 1 })).toBe(false);
  });

  test('a stored file that is not the registered one, or is gone, is never timestamped: the message stays', async () => {
    // Prepare
    const world = new FakeWorld();
    const a = await signedWhileTsaDown(world, 1);
    const b = await signedWhileTsaDown(world, 2);
    world.certificatesBucket.put(a.bb.pdf.key, new TextEncoder().encode('%PDF-1.7 something else'));
    world.certificatesBucket.objects.delete(b.bb.pdf.key);

    // Act
    const outcomes = await timestampPdfs(fakePdfTimestamperDeps(world), [
      bodyOf({ licenceNo: a.licenceNo, version: 1 }),
      bodyOf({ licenceNo: b.licenceNo, version: 1 }),
    ]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(world.sealer.timestamps).toBe(0);
    expect(await world.certificates.getVersion(a.licenceNo, 1)).toEqual(a.bb);
    expect(pending(world, { licenceNo: a.licenceNo, version: 1 })).toBe(true);
    expect(pending(world, { licenceNo: b.licenceNo, version: 1 })).toBe(true);
  });

  test('a B-B reprint gets its B-T file under a reprint key, registered for its version; the version keeps its own', async () => {
    // Prepare: a reprint whose file was signed while the TSA was down
    const world = new FakeWorld();
    const { version } = await issued(world);
    const licenceNo = version.licenceNo;
    const { print } = await reissuePaper(fakeReissueDeps(world), {
      licenceNo,
      actor: officer,
      idempotencyKey: 'test:reprint:1',
      source: 'api',
    });
    world.sealer.tsa = 'down';
    const sealed = await world.sealer.seal((await world.pdfs.get(print.pdf.key)) as Uint8Array);
    world.sealer.tsa = 'up';
    const lic = licenceNo.toUrlSafe();
    const stored = await world.pdfs.put(
      `certificates/${lic}/v1/print-${print.paperSerial}-${sha256Hex(sealed.bytes)}.pdf`,
      sealed.bytes,
    );
    const bbPrint: PaperPrint = { ...print, pdf: { ...stored, pades: 'B-B' } };
    world.table.prints.set(`${lic}#${print.paperSerial}`, bbPrint);
    world.table.pdfDigests.set(stored.sha256, { licenceNo, version: 1 });
    const target = { licenceNo, paperSerial: print.paperSerial };
    world.outbox.add(pdfTimestampMessage(target, world.clock.now()));

    // Act
    const [outcome] = await timestampPdfs(fakePdfTimestamperDeps(world), [bodyOf(target)]);

    // Assess
    const after = (await world.reprints.getPrint(licenceNo, print.paperSerial)) as PaperPrint;
    expect(value(outcome)).toEqual({ outcome: 'timestamped', from: stored.sha256, to: after.pdf.sha256 });
    expect(after.pdf).toMatchObject({
      key: `certificates/${lic}/v1/print-${print.paperSerial}-${after.pdf.sha256}.pdf`,
      pades: 'B-T',
    });
    expect(after).toEqual({ ...bbPrint, pdf: after.pdf });
    expect(await world.certificates.findVersionByPdfSha256(after.pdf.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await world.certificates.findVersionByPdfSha256(stored.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await world.certificates.getVersion(licenceNo, 1)).toEqual(version);
    const audit = (await world.certificates.listAudit(licenceNo, { limit: 10 })).items;
    expect(audit.find((e) => e.action === PDF_TIMESTAMPED_ACTION)?.details).toEqual({
      version: 1,
      paperSerial: print.paperSerial,
      from: stored.sha256,
      to: after.pdf.sha256,
    });
    expect(pending(world, target)).toBe(false);
  });
});
