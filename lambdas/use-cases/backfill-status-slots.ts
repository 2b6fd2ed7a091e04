/**
 * backfillStatusSlots — give every licence issued before the status list its slot (`assignStatusSlot`), drawn at random
 * among free slots like a new licence's. Walks the list of all certificates a page at a time; idempotent (a licence
 * with a slot is left alone), safe beside live traffic (each slot is written at the head's revision; a change in
 * between is read again), restartable from the cursor it reports. Run in the cloud with
 * `npm run backfill:status-list`; the local runtime runs it at every start.
 *
 * A licence that is not valid when it gets its slot is announced to the status list in the same write (a `statusList`
 * outbox message, `slot.{licence}`): its entry must say so, and no status change will tell the publisher. The message
 * is published at once when a publisher is given, else the relay sends it within minutes.
 *
 * @example
 * const report = await backfillStatusSlots({ repository, clock, publisher }); // { assigned: 3, present: 120, … }
 */
import { randomInt } from 'node:crypto';
import type { LicenceNumber } from '../domain/licence-number';
import { STATUS_LIST_SIZE } from '../domain/status-list/status-list';
import { type CertificateRepository, CommitConflict, type StatusSlotOutcome } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { OutboxPublisher } from '../ports/outbox-publisher';
import type { OutboxMessage } from '../ports/transaction-parts';
import { notifyCommitted } from './outbox/notify';
import { statusListMessage } from './status-list/publish';

export interface StatusSlotDeps {
  readonly repository: Pick<CertificateRepository, 'listAll' | 'assignStatusSlot'>;
  readonly clock: Clock;
  /** Publishes the announcements of licences that are not valid; absent, the relay sends them. */
  readonly publisher?: OutboxPublisher;
}

export interface StatusSlotReport {
  /** Licences given a slot now. */
  readonly assigned: number;
  /** Licences that had one. */
  readonly present: number;
  /** Listed certificates whose head was gone by the time it was read. */
  readonly missing: number;
  readonly pages: number;
}

const PAGE = 100;
/** Draws before giving up on one licence (a list this full needs a second list, which Permit does not have yet). */
const MAX_DRAWS = 32;

/**
 * Give every older licence a slot (see the module doc); `onPage` hears the cursor after each page.
 *
 * @example
 * await backfillStatusSlots({ repository }, { onPage: (cursor, report) => log(cursor, report) });
 */
export async function backfillStatusSlots(
  deps: StatusSlotDeps,
  options: {
    readonly cursor?: string;
    readonly onPage?: (cursor: string | undefined, report: StatusSlotReport) => void;
  } = {},
): Promise<StatusSlotReport> {
  let report: StatusSlotReport = { assigned: 0, present: 0, missing: 0, pages: 0 };
  let cursor = options.cursor;
  do {
    const page = await deps.repository.listAll({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    const counts = { assigned: report.assigned, present: report.present, missing: report.missing };
    const announced: OutboxMessage[] = [];
    for (const item of page.items) {
      const outcome = await assignOne(deps, item.licenceNo, announced);
      counts[outcome] += 1;
    }
    if (deps.publisher) await notifyCommitted({ publisher: deps.publisher }, announced);
    cursor = page.cursor;
    report = { ...counts, pages: report.pages + 1 };
    options.onPage?.(cursor, report);
  } while (cursor);
  return report;
}

/** One licence's slot, drawn again while taken; an announcement written with it is added to `announced`. */
async function assignOne(
  deps: StatusSlotDeps,
  licenceNo: LicenceNumber,
  announced: OutboxMessage[],
): Promise<Exclude<StatusSlotOutcome, 'taken'>> {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    let message: OutboxMessage | undefined;
    try {
      const outcome = await deps.repository.assignStatusSlot(licenceNo, randomInt(STATUS_LIST_SIZE), (head) => {
        if (head.status === 'valid') return [];
        message = statusListMessage(`slot.${licenceNo.toUrlSafe()}`, licenceNo, deps.clock.now());
        return [{ kind: 'outbox', message }];
      });
      if (outcome === 'assigned' && message) announced.push(message);
      if (outcome !== 'taken') return outcome;
    } catch (error) {
      // The certificate changed between the read and the write: read it again.
      if (!(error instanceof CommitConflict)) throw error;
    }
  }
  throw new Error(`no free status-list slot found for ${licenceNo} in ${MAX_DRAWS} draws`);
}
