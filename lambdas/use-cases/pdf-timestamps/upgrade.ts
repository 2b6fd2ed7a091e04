/**
 * The PDF timestamper (the `pdf-timestamper` function, on the `pdfTimestamps` queue): a certificate PDF signed while
 * the TSA was unreachable (PAdES B-B) gets its document timestamp later, as an incremental update (B-B → B-T), so a
 * TSA outage never blocks an issuance.
 *
 * - **What it asks for.** The issuance (or reprint) that stored a B-B file wrote a `pdfTimestamps` outbox message in
 *   its own transaction ({@link pdfTimestampMessage}: `{ licenceNo, version }` or `{ licenceNo, paperSerial }`).
 * - **One file more.** The B-B file is read (its digest checked against the register's), timestamped by the sealer
 *   and stored under a key of its own (`…/v{n}/{sha256}.pdf`, a reprint's `…/v{n}/print-{serial}-{sha256}.pdf`);
 *   nothing is overwritten. Then one transaction ({@link PdfTimestampRecorder}) makes the B-T file the version's (or
 *   print's) PDF on condition that the B-B one still is, registers the new digest for the same version beside the old
 *   one (so both files verify and resolve to it), audits it and completes the message. The transparency log is not
 *   touched: it keeps the first committed file's digest.
 * - **Safe to repeat.** A target already B-T (or never signed) completes its message and does nothing; a run that
 *   lost the race reads again and finds it upgraded. Its stored file is then an orphan, which the orphan sweep
 *   removes an hour later (no `PDFSHA#` registers it).
 * - **A TSA still down** fails that message alone (a partial batch failure): it comes back after the queue's
 *   visibility timeout, and the relay re-sends it while it is pending; the other messages of the batch go on.
 *
 * @example
 * const outcomes = await timestampPdfs(deps, ['{"licenceNo":"(鄂)XK06-001-00001","version":1}']);
 * outcomes[0]; // { status: 'fulfilled', value: { outcome: 'timestamped', from: 'ab…', to: 'cd…' } }
 */
import { randomUUID } from 'node:crypto';
import { LicenceNumber } from '../../domain/licence-number';
import { PaperSerial } from '../../domain/paper-serial';
import type { StoredPdf } from '../../domain/pdf-signature/stored-pdf';
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { Clock } from '../../ports/clock';
import type { OutboxStore } from '../../ports/outbox-store';
import type { PdfSealer } from '../../ports/pdf-sealer';
import type { PdfStore } from '../../ports/pdf-store';
import type { PdfTimestampRecorder, TimestampedTarget } from '../../ports/pdf-timestamp-recorder';
import type { ReprintRepository } from '../../ports/reprint-repository';
import type { OutboxRef } from '../../ports/transaction-parts';
import { logger } from '../../shared/logger';
import { pdfKey, printPdfKey, sha256Hex } from '../issue-certificate';
import { pdfTimestampMessage, type TimestampTarget } from './message';

export interface PdfTimestamperDeps {
  readonly register: Pick<CertificateRepository, 'getVersion'>;
  readonly reprints: Pick<ReprintRepository, 'getPrint'>;
  readonly pdfs: Pick<PdfStore, 'get' | 'put'>;
  /**
   * The sealer, resolved when a message needs it: its configuration (the TSA) is this worker's only outside
   * dependency, and a fault in it should fail messages — which stay pending and come back — not every cold start.
   */
  readonly sealer: () => PdfSealer;
  readonly recorder: PdfTimestampRecorder;
  /** Completes the message of a target with nothing to do (already B-T, unsigned, or gone). */
  readonly outbox: Pick<OutboxStore, 'complete'>;
  readonly clock: Clock;
}

/** The system actor of the timestamper's audit events. */
export const PDF_TIMESTAMPER_ACTOR = { type: 'system', id: 'pdf-timestamper' } as const;

/** The audit action of a B-B file replaced by its timestamped B-T file. */
export const PDF_TIMESTAMPED_ACTION = 'certificate.pdf-timestamped';

/** Races lost in a row before a message is failed (it comes back, and the next try reads afresh). */
const MAX_ATTEMPTS = 3;

/**
 * What one message came to:
 * - `timestamped`: the B-T file is recorded (`from` and `to`: the two digests, both registered);
 * - `already`: the target holds no B-B file (already B-T, or not signed) — its message is completed;
 * - `missing`: no such version or print — its message is completed;
 * - `unreadable`: a body no run can read, dropped (nothing to complete it by).
 */
export type TimestampOutcome =
  | { readonly outcome: 'timestamped'; readonly from: string; readonly to: string }
  | { readonly outcome: 'already'; readonly pades?: StoredPdf['pades'] }
  | { readonly outcome: 'missing' }
  | { readonly outcome: 'unreadable' };

/**
 * Timestamp the PDF each message body names (see the module doc). One outcome per body, in order: a rejected one is
 * to be reported as a batch item failure (its message stays pending and comes back); the others are done.
 *
 * @example
 * const outcomes = await timestampPdfs(deps, event.Records.map((r) => r.body));
 * outcomes.filter((o) => o.status === 'rejected').length; // the TSA was still down for these
 */
export async function timestampPdfs(
  deps: PdfTimestamperDeps,
  bodies: readonly string[],
): Promise<PromiseSettledResult<TimestampOutcome>[]> {
  const targets = bodies.map(targetOf);
  // One run per target: a message delivered twice in a batch shares its sibling's outcome.
  const runs = new Map<string, Promise<TimestampOutcome>>();
  return Promise.allSettled(
    targets.map(async (target, n): Promise<TimestampOutcome> => {
      if (!target) {
        logger.error('pdf-timestamp message dropped: unreadable body', { body: (bodies[n] ?? '').slice(0, 200) });
        return { outcome: 'unreadable' };
      }
      const ref = refOf(target, deps.clock.now());
      let run = runs.get(ref.id);
      if (!run) {
        run = timestampPdf(deps, target, ref).catch((error: unknown) => {
          // The handler only reports the failure; the reason is logged here (a TSA outage is expected, and says so).
          logger.warn('pdf timestamp failed; the message stays pending', {
            message: ref.id,
            code: (error as { code?: unknown } | undefined)?.code,
            error,
          });
          throw error;
        });
        runs.set(ref.id, run);
      }
      return run;
    }),
  );
}

/**
 * Timestamp one target's PDF and record it (see the module doc); throws when the TSA does not answer
 * (`DependencyUnavailableError` `TSA_UNAVAILABLE`), when the stored file is missing or not the registered one, or
 * after {@link MAX_ATTEMPTS} lost races — the message then stays pending.
 *
 * @example
 * await timestampPdf(deps, { licenceNo, version: 1 }, { topic: 'pdfTimestamps', id: 'pdfts.42-XK06-001-00001.v1' });
 */
export async function timestampPdf(
  deps: PdfTimestamperDeps,
  target: TimestampTarget,
  ref: OutboxRef,
): Promise<TimestampOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await read(deps, target);
    if (!current) {
      logger.warn('pdf-timestamp message for an unknown version or print; completed', { message: ref.id });
      await complete(deps, ref);
      return { outcome: 'missing' };
    }
    if (current.pdf.pades !== 'B-B') {
      await complete(deps, ref);
      return { outcome: 'already', ...(current.pdf.pades ? { pades: current.pdf.pades } : {}) };
    }
    const from = current.pdf;
    const bytes = await deps.pdfs.get(from.key);
    if (!bytes) throw new Error(`${ref.id}: the stored PDF ${from.key} is missing`);
    // Only the file the register holds is timestamped: a different object under its key is a fault to look at.
    if (sha256Hex(bytes) !== from.sha256) throw new Error(`${ref.id}: ${from.key} does not have its registered digest`);
    const upgraded = await deps.sealer().addDocumentTimestamp(bytes);
    const stored = await deps.pdfs.put(keyOf(current.target, sha256Hex(upgraded)), upgraded);
    const to: StoredPdf = { key: stored.key, sha256: stored.sha256, size: stored.size, pades: 'B-T' };
    const at = deps.clock.now().toISOString();
    const recorded = await deps.recorder.recordTimestamped({
      target: current.target,
      from,
      to,
      audit: {
        id: randomUUID(),
        at,
        licenceNo: target.licenceNo,
        action: PDF_TIMESTAMPED_ACTION,
        actor: PDF_TIMESTAMPER_ACTOR,
        details: {
          version: current.target.version,
          ...(current.target.paperSerial ? { paperSerial: current.target.paperSerial } : {}),
          from: from.sha256,
          to: to.sha256,
        },
      },
      message: ref,
    });
    if (recorded === 'recorded') {
      logger.info('pdf timestamped', { message: ref.id, from: from.sha256, to: to.sha256, attempt });
      return { outcome: 'timestamped', from: from.sha256, to: to.sha256 };
    }
    // Another run recorded first (or the target went): read again.
  }
  throw new Error(`${ref.id}: not recorded, ${MAX_ATTEMPTS} races lost in a row`);
}

/** The target's stored PDF and the version it belongs to; undefined when there is no such version or print. */
async function read(
  deps: PdfTimestamperDeps,
  target: TimestampTarget,
): Promise<{ target: TimestampedTarget; pdf: StoredPdf } | undefined> {
  if ('version' in target) {
    const version = await deps.register.getVersion(target.licenceNo, target.version);
    return version && { target: { licenceNo: target.licenceNo, version: version.version }, pdf: version.pdf };
  }
  const print = await deps.reprints.getPrint(target.licenceNo, target.paperSerial);
  return (
    print && {
      target: { licenceNo: target.licenceNo, version: print.version, paperSerial: print.paperSerial },
      pdf: print.pdf,
    }
  );
}

/** The timestamped file's key: the issuance's (or reprint's) shape, unique for the new digest. */
const keyOf = (target: TimestampedTarget, sha256: string): string =>
  target.paperSerial === undefined
    ? pdfKey(target.licenceNo, target.version, sha256)
    : printPdfKey(target.licenceNo, target.version, target.paperSerial, sha256);

/** The message's reference: its id as the issuance wrote it. */
const refOf = (target: TimestampTarget, at: Date): OutboxRef => {
  const { topic, id } = pdfTimestampMessage(target, at);
  return { topic, id };
};

/** The consumer's acknowledgement of a message with nothing to do. A failure is only logged: the relay re-sends. */
async function complete(deps: PdfTimestamperDeps, ref: OutboxRef): Promise<void> {
  try {
    await deps.outbox.complete([ref]);
  } catch (error) {
    logger.warn('could not complete the pdf-timestamp message; the relay will re-send it', { message: ref.id, error });
  }
}

/** The target a body names, or undefined for a body no run can read. */
function targetOf(body: string): TimestampTarget | undefined {
  try {
    const parsed = JSON.parse(body) as { licenceNo?: unknown; version?: unknown; paperSerial?: unknown };
    if (typeof parsed.licenceNo !== 'string') return undefined;
    const licenceNo = LicenceNumber.parse(parsed.licenceNo);
    if (typeof parsed.version === 'number' && Number.isInteger(parsed.version) && parsed.version >= 1) {
      return { licenceNo, version: parsed.version };
    }
    if (typeof parsed.paperSerial === 'string') {
      return { licenceNo, paperSerial: PaperSerial.parse(parsed.paperSerial).toString() };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
