/**
 * The PDF timestamper through the real emulators (DynamoDB Local, s3rver, fauxqs) and the real @aws-sdk clients: a
 * version whose stored PDF is B-B — committed with its transparency-log entry and its `pdfTimestamps` outbox message, as
 * an issuance during a TSA outage leaves it — and the message on the real queue. With the TSA still down the worker
 * fails the message, writes nothing, and the relay sends it again; once the TSA answers, the version's PDF is the
 * timestamped file (B-T, stored beside the B-B one), both digests find the version, the log entry still records the
 * first digest, the API shows the new file and the message is completed. Pollers are off: the test receives the
 * queue's messages and hands their bodies to the worker's use case, wired as the function wires it but for the sealer.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { outboxPublisher, outboxStore, relayDeps } from '../../../lambdas/composition/outbox';
import { pdfTimestamperDeps } from '../../../lambdas/composition/pdf-timestamps';
import { certificatePdfs, certificateRepository } from '../../../lambdas/composition/storage';
import { logStore, sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { decodeEntry } from '../../../lambdas/domain/transparency/entries';
import { pdfKey, sha256Hex } from '../../../lambdas/use-cases/issue-certificate';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { notifyCommitted } from '../../../lambdas/use-cases/outbox/notify';
import { relayOutbox } from '../../../lambdas/use-cases/outbox/relay';
import { pdfTimestampMessage } from '../../../lambdas/use-cases/pdf-timestamps/message';
import { PDF_TIMESTAMPED_ACTION, timestampPdfs } from '../../../lambdas/use-cases/pdf-timestamps/upgrade';
import { issuanceLogEntry, logEntryParts } from '../../../lambdas/use-cases/transparency/log-entries';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { FakePdfSealer } from '../../support/fakes';
import { drainQueue } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { issuanceCommit } from '../port-contracts/records';

let runtime: TestRuntime;
let sqs: SQSClient;
const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

const receiveAll = (): Promise<string[]> => drainQueue(sqs, runtime.names.queues.pdfTimestamps.url);

describe('the PDF timestamper on the emulators', () => {
  test('a B-B version: TSA down → pending, nothing written, re-sent; TSA up → B-T, both digests, log unchanged', async () => {
    // Prepare: version 1 committed with a B-B file, its log entry and its pdfTimestamps message; the message sent
    const at = clock.now();
    const plain = issuanceCommit({ at });
    const licenceNo = plain.version.licenceNo;
    const bbBytes = new TextEncoder().encode(`%PDF-1.7\n% ${licenceNo} v1, signed (PAdES B-B)\n%%EOF\n`);
    const stored = await certificatePdfs().put(pdfKey(licenceNo, 1, sha256Hex(bbBytes)), bbBytes);
    const version = { ...plain.version, pdf: { ...stored, pades: 'B-B' as const } };
    const logged = issuanceLogEntry({ ...version, pdfSha256: stored.sha256, at: version.signedAt });
    const log = logEntryParts(logged.key, logged.entry, at);
    const message = pdfTimestampMessage({ licenceNo, version: 1 }, at);
    await certificateRepository().commitIssuance({
      ...plain,
      version,
      parts: [...log.parts, { kind: 'outbox', message }],
    });
    await integrateLog(sequencerDeps({ clock }));
    const entryBefore = await logStore().locate(logged.key);
    await notifyCommitted({ publisher: outboxPublisher() }, [message]);
    const sealer = new FakePdfSealer();
    const deps = pdfTimestamperDeps({ sealer: () => sealer, clock });

    // Act: the TSA is still down
    sealer.tsa = 'down';
    const [failed] = await timestampPdfs(deps, await receiveAll());

    // Assess: the message failed and stays pending; nothing was written
    expect(failed?.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'TSA_UNAVAILABLE' });
    expect(await certificateRepository().getVersion(licenceNo, 1)).toEqual(version);
    expect(await outboxStore().get(message)).toBeDefined();
    const auditActions = async () =>
      (await certificateRepository().listAudit(licenceNo, { limit: 20 })).items.map((e) => e.action);
    expect(await auditActions()).not.toContain(PDF_TIMESTAMPED_ACTION);

    // Act: the relay sends it again once due, and the TSA answers now
    clock.advance({ seconds: RELAY_GRACE_MS / 1000 + 1 });
    await relayOutbox(relayDeps({ clock }));
    const resent = await receiveAll();
    sealer.tsa = 'up';
    const [done] = await timestampPdfs(deps, resent);

    // Assess
    expect(resent.map((b) => JSON.parse(b))).toEqual([{ licenceNo: licenceNo.toString(), version: 1 }]);
    expect(done?.status).toBe('fulfilled');
    const after = await certificateRepository().getVersion(licenceNo, 1);
    expect(after?.pdf).toMatchObject({ pades: 'B-T', key: pdfKey(licenceNo, 1, after?.pdf.sha256 as string) });
    expect(after).toEqual({ ...version, pdf: after?.pdf });
    const btBytes = (await certificatePdfs().get(after?.pdf.key as string)) as Uint8Array;
    expect(sha256Hex(btBytes)).toBe(after?.pdf.sha256);
    expect(Buffer.from(btBytes.subarray(0, bbBytes.byteLength)).equals(Buffer.from(bbBytes))).toBe(true);
    expect(await certificatePdfs().get(stored.key)).toEqual(bbBytes);
    expect(await certificateRepository().findVersionByPdfSha256(stored.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await certificateRepository().findVersionByPdfSha256(after?.pdf.sha256 as string)).toEqual({
      licenceNo,
      version: 1,
    });
    const entryAfter = await logStore().locate(logged.key);
    expect(entryAfter).toEqual(entryBefore);
    expect(decodeEntry(entryAfter?.entry as Uint8Array)).toMatchObject({ pdfSha256: stored.sha256 });
    expect(await auditActions()).toContain(PDF_TIMESTAMPED_ACTION);
    expect(await outboxStore().get(message)).toBeUndefined();
    const view = await runtime.request(`/v1/certificates/${licenceNo.toUrlSafe()}`, { as: 'officer' });
    expect(view.status).toBe(200);
    expect(((await view.json()) as { pdf?: { sha256?: string } }).pdf?.sha256).toBe(after?.pdf.sha256);

    // Act: a late copy of the message finds the work done
    const [late] = await timestampPdfs(deps, resent);

    // Assess
    expect(late).toEqual({ status: 'fulfilled', value: { outcome: 'already', pades: 'B-T' } });
    expect(sealer.timestamps).toBe(1);
  });
});
