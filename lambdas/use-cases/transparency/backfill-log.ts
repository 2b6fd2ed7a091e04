/**
 * backfillLog — the one-off job that logs every certificate version issued before the transparency log existed, in
 * issue order: each version's issuance entry (as its issuance would have written it, at its signing instant) becomes a
 * pending entry with its outbox message, unless the log already has it (pending, being sequenced or sequenced). Status
 * changes made before the log are not logged (the certificate's record keeps only its latest changes; the audit trail
 * keeps them all); from the log's start on, every change is.
 *
 * Idempotent and safe beside live traffic; once it has walked the whole register it records that on the log's head,
 * and later runs return at once. The local runtime runs it at every start; in the cloud, `npm run backfill:log`.
 *
 * @example
 * const report = await backfillLog(deps); // { versions: 42, added: 42, skipped: false }
 */
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { Clock } from '../../ports/clock';
import type { LogStore, PendingLogEntry } from '../../ports/log-store';
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import type { OutboxMessage } from '../../ports/transaction-parts';
import { RELAY_GRACE_MS } from '../outbox/message';
import { notifyCommitted } from '../outbox/notify';
import { issuanceLogEntry, logEntryMessage, pendingLogEntry } from './log-entries';

export interface BackfillLogDeps {
  readonly repository: Pick<CertificateRepository, 'listAll' | 'get' | 'getVersion'>;
  readonly log: Pick<LogStore, 'head' | 'enqueueUnlogged' | 'markBackfilled'>;
  readonly publisher: OutboxPublisher;
  readonly clock: Clock;
}

export interface BackfillLogReport {
  /** Versions found in the register. */
  readonly versions: number;
  /** Entries added to the log's pending list now. */
  readonly added: number;
  /** True when an earlier run had finished (nothing was read). */
  readonly skipped: boolean;
}

const PAGE = 100;

/**
 * Log every older version (see the module doc).
 *
 * @example
 * await backfillLog({ repository, log, publisher, clock });
 */
export async function backfillLog(deps: BackfillLogDeps): Promise<BackfillLogReport> {
  if ((await deps.log.head()).backfilledAt) return { versions: 0, added: 0, skipped: true };
  const entries: { pending: PendingLogEntry; message: OutboxMessage }[] = [];
  const now = deps.clock.now().getTime();
  let cursor: string | undefined;
  do {
    const page = await deps.repository.listAll({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const summary of page.items) {
      const head = await deps.repository.get(summary.licenceNo);
      for (let v = 1; head && v <= head.currentVersion; v++) {
        const version = await deps.repository.getVersion(summary.licenceNo, v);
        if (!version) continue;
        const { key, entry } = issuanceLogEntry({
          licenceNo: version.licenceNo,
          version: v,
          jws: version.jws,
          pdfSha256: version.pdf.sha256,
          kid: version.kid,
          at: version.signedAt,
        });
        // Ordered by its issuance (the pending entry and its message share that instant); relayed, should the wake-up
        // below be lost, from now on like a new event's.
        const at = new Date(version.signedAt);
        entries.push({
          pending: pendingLogEntry(key, entry, at),
          message: { ...logEntryMessage(key, at), nextRelayAt: new Date(now + RELAY_GRACE_MS).toISOString() },
        });
      }
    }
    cursor = page.cursor;
  } while (cursor);
  // Issue order: the pending list is read by event instant, so older versions are sequenced first.
  entries.sort((a, b) => a.pending.at.localeCompare(b.pending.at) || a.pending.key.localeCompare(b.pending.key));
  let added = 0;
  let last: OutboxMessage | undefined;
  for (const { pending, message } of entries) {
    if (await deps.log.enqueueUnlogged(pending, message)) {
      added++;
      last = message;
    }
  }
  // One message wakes the sequencer, which integrates every pending entry; the relay re-sends the others if needed.
  if (last) await notifyCommitted(deps, [last]);
  await deps.log.markBackfilled(deps.clock.now());
  return { versions: entries.length, added, skipped: false };
}
