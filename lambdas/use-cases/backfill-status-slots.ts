/**
 * backfillStatusSlots — give every licence issued before the status list its slot (`assignStatusSlot`), drawn at random
 * among free slots like a new licence's. Walks the list of all certificates a page at a time; idempotent (a licence
 * with a slot is left alone), safe beside live traffic (each slot is written at the head's revision; a change in
 * between is read again), restartable from the cursor it reports. Run in the cloud with
 * `npm run backfill:status-list`; the local runtime runs it at every start.
 *
 * @example
 * const report = await backfillStatusSlots({ repository }); // { assigned: 3, present: 120, missing: 0, pages: 2 }
 */
import { randomInt } from 'node:crypto';
import type { LicenceNumber } from '../domain/licence-number';
import { STATUS_LIST_SIZE } from '../domain/status-list/status-list';
import { type CertificateRepository, CommitConflict, type StatusSlotOutcome } from '../ports/certificate-repository';

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
  deps: { readonly repository: Pick<CertificateRepository, 'listAll' | 'assignStatusSlot'> },
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
    for (const item of page.items) {
      const outcome = await assignOne(deps.repository, item.licenceNo);
      counts[outcome] += 1;
    }
    cursor = page.cursor;
    report = { ...counts, pages: report.pages + 1 };
    options.onPage?.(cursor, report);
  } while (cursor);
  return report;
}

async function assignOne(
  repository: Pick<CertificateRepository, 'assignStatusSlot'>,
  licenceNo: LicenceNumber,
): Promise<Exclude<StatusSlotOutcome, 'taken'>> {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    try {
      const outcome = await repository.assignStatusSlot(licenceNo, randomInt(STATUS_LIST_SIZE));
      if (outcome !== 'taken') return outcome;
    } catch (error) {
      // The certificate changed between the read and the write: read it again.
      if (!(error instanceof CommitConflict)) throw error;
    }
  }
  throw new Error(`no free status-list slot found for ${licenceNo} in ${MAX_DRAWS} draws`);
}
