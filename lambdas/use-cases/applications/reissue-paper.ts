/**
 * reissuePaper — 补领: a lost or damaged paper certificate is replaced by a new paper copy of the **same version**
 * with a new paper serial. The version record stays immutable; the reprint is its own record (`PRINT#{paperSerial}`,
 * see `docs/storage.md`) with its own PDF (the new paper serial printed, the version's signed QR reused — the QR
 * claims carry no paper serial), committed with the certificate head in one transaction, idempotent on the key.
 *
 * The certificate's electronic PDF (`GET /v1/certificates/{no}/pdf`) stays the version's; the reprint's PDF is for
 * printing and mailing. With a paper copy, the reprint's dispatch and its outbox message are written in the same
 * transaction and the message is published after the commit, as `issueCertificate` does.
 *
 * @example
 * const print = await reissuePaper(deps, { licenceNo, actor, idempotencyKey: 'application:APP-…',
 *   source: 'application:APP-…', paperCopy: { address } });
 */

import { randomUUID } from 'node:crypto';
import { Certificate } from '../../domain/certificate';
import type { Actor } from '../../domain/certificate-status';
import { localDateOf } from '../../domain/dates';
import { dispatchIdOf } from '../../domain/dispatch';
import { NotFoundError } from '../../domain/errors';
import type { LicenceNumber } from '../../domain/licence-number';
import type { PaperPrint } from '../../domain/paper-print';
import { PaperSerial } from '../../domain/paper-serial';
import type { ReprintRepository } from '../../ports/reprint-repository';
import type { TransactionPart } from '../../ports/transaction-parts';
import { makeCertificatePdf } from '../certificate-pdf';
import { dispatchMessage, paperCopyParts } from '../dispatch/paper-copy';
import { type IssuanceDeps, type IssuedRef, type PaperCopy, printPdfKey } from '../issue-certificate';
import { notifyCommitted } from '../outbox/notify';
import { logEntryParts, reissueLogEntry } from '../transparency/log-entries';

export interface ReissueDeps
  extends Pick<IssuanceDeps, 'repository' | 'pdfs' | 'renderer' | 'sealer' | 'signer' | 'clock' | 'publisher'> {
  readonly reprints: ReprintRepository;
}

export async function reissuePaper(
  deps: ReissueDeps,
  input: {
    licenceNo: LicenceNumber;
    actor: Actor;
    idempotencyKey: string;
    source: string;
    /** Mail the new paper copy. */
    paperCopy?: PaperCopy;
    /** The caller's own parts, written in the reprint's transaction (e.g. the application saved as issued). */
    parts?: (reprinted: IssuedRef) => readonly TransactionPart[];
  },
): Promise<{ print: PaperPrint; replayed: boolean }> {
  const replay = await deps.reprints.findReprint(input.idempotencyKey);
  if (replay) {
    // Published again (the first publish may have failed): the consumer is idempotent, the relay covers the rest.
    if (input.paperCopy) {
      await notifyCommitted(deps, [dispatchMessage(dispatchIdOf(replay.paperSerial), deps.clock.now())]);
    }
    return { print: replay, replayed: true };
  }
  const head = await deps.repository.get(input.licenceNo);
  if (!head) throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${input.licenceNo}`);
  const version = await deps.repository.getVersion(input.licenceNo, head.currentVersion);
  if (!version) throw new Error(`version ${head.currentVersion} of ${input.licenceNo} is missing`);
  const current = Certificate.rehydrate(head.certificate);
  const at = deps.clock.now();
  const reservation = await deps.repository.reserveSerials(input.idempotencyKey, {
    paperYear: Number(localDateOf(at).slice(0, 4)),
  });
  const next = current.reissuePaper({
    paperSerial: PaperSerial.parse(reservation.paperSerial),
    actor: input.actor,
    at,
    reference: input.source,
  });
  const snapshot = next.toSnapshot();
  const made = await makeCertificatePdf(deps, {
    printable: next.printable(),
    qrText: version.qrText,
    signer: await deps.signer(),
    at,
    keyOf: (sha256) => printPdfKey(snapshot.licenceNumber, head.currentVersion, snapshot.paperSerial, sha256),
    target: { licenceNo: snapshot.licenceNumber, paperSerial: snapshot.paperSerial },
  });
  const stored = made.pdf;
  const print: PaperPrint = {
    licenceNo: snapshot.licenceNumber,
    version: head.currentVersion,
    paperSerial: snapshot.paperSerial,
    replacesPaperSerial: head.certificate.paperSerial,
    pdf: stored,
    qrText: version.qrText,
    printedAt: at.toISOString(),
    printedBy: input.actor,
    source: input.source,
  };
  const copy = input.paperCopy
    ? paperCopyParts({
        licenceNo: print.licenceNo,
        version: print.version,
        paperSerial: print.paperSerial,
        uscc: snapshot.enterprise.uscc,
        address: input.paperCopy.address,
        reason: 'reissue',
        requestedBy: input.actor.id,
        at: print.printedAt,
      })
    : undefined;
  const reprinted: IssuedRef = {
    licenceNo: print.licenceNo,
    version: print.version,
    paperSerial: print.paperSerial,
    at,
  };
  const logged = reissueLogEntry({ ...print, at: print.printedAt });
  const log = logEntryParts(logged.key, logged.entry, at);
  await deps.reprints.commitReprint({
    certificate: snapshot,
    expectedRevision: current.revision,
    currentVersion: head.currentVersion,
    print,
    idempotencyKey: input.idempotencyKey,
    audit: {
      id: randomUUID(),
      at: print.printedAt,
      licenceNo: print.licenceNo,
      action: 'certificate.reissue-paper',
      actor: input.actor,
      details: {
        version: print.version,
        paperSerial: print.paperSerial,
        replaces: print.replacesPaperSerial,
        source: input.source,
      },
    },
    parts: [...log.parts, ...made.parts, ...(copy?.parts ?? []), ...(input.parts?.(reprinted) ?? [])],
  });
  await notifyCommitted(deps, [log.message, ...made.messages, ...(copy ? [copy.message] : [])]);
  return { print, replayed: false };
}
