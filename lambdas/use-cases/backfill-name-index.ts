/**
 * backfillNameIndex — give every certificate issued before the enterprise-name index its entry (`indexName` on the
 * register). Walks the list of all certificates (an index, a page at a time) and asks the register to index each;
 * idempotent (an entry already there is left alone), safe beside live traffic (each entry is written at the head's
 * revision, so a rename in between is never undone), and restartable from the cursor it reports after each page.
 * Run in the cloud with `npm run backfill:name-index`; the local runtime runs it at every start.
 *
 * @example
 * const report = await backfillNameIndex({ repository }); // { added: 3, present: 120, missing: 0, pages: 2 }
 */
import type { CertificateRepository } from '../ports/certificate-repository';

export interface BackfillReport {
  /** Entries written now. */
  readonly added: number;
  /** Certificates whose entry was already there. */
  readonly present: number;
  /** Listed certificates whose head was gone by the time it was read (none in practice). */
  readonly missing: number;
  readonly pages: number;
}

/** Page size of the walk (the register's largest). */
const PAGE = 100;

/**
 * Index every certificate's name (see the module doc); `onPage` hears the cursor after each page (to resume from).
 *
 * @example
 * await backfillNameIndex({ repository }, { onPage: (cursor, report) => log(cursor, report) });
 */
export async function backfillNameIndex(
  deps: { readonly repository: CertificateRepository },
  options: {
    readonly cursor?: string;
    readonly onPage?: (cursor: string | undefined, report: BackfillReport) => void;
  } = {},
): Promise<BackfillReport> {
  let report: BackfillReport = { added: 0, present: 0, missing: 0, pages: 0 };
  let cursor = options.cursor;
  do {
    const page = await deps.repository.listAll({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    const counts = { added: report.added, present: report.present, missing: report.missing };
    for (const item of page.items) counts[await deps.repository.indexName(item.licenceNo)] += 1;
    cursor = page.cursor;
    report = { ...counts, pages: report.pages + 1 };
    options.onPage?.(cursor, report);
  } while (cursor);
  return report;
}
