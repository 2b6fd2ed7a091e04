/**
 * findCertificates — the one search box of the authority's certificates (许可证查询): whatever is typed is read as
 * exactly one kind of query, and each kind goes through an index (never a scan):
 *
 * - empty → the newest certificates (the list use case, all, first issued latest first);
 * - a licence number (printed or URL-safe, full-width as an IME types it; anything with `XK` and a digit is judged as
 *   one, so a mistyped number is told as such rather than searched as a name) → that one licence, exactly;
 * - 18 letters and digits (full-width or not, any case) → a USCC, exactly (a wrong check character is told);
 * - anything else → an enterprise-name prefix (normalised as the name index writes names).
 *
 * @example
 * const found = await findCertificates(deps, { q: '湖北 长江', limit: 50 });
 * if (found.kind === 'licence' && found.exists) redirectTo(found.licenceNo);
 */
import { LicenceNumber } from '../domain/licence-number';
import { normaliseUscc, parseUscc } from '../domain/uscc';
import type { CertificateSummary } from '../ports/certificate-repository';
import type { Page, PageRequest } from '../ports/page';
import { listCertificates, type ReadDeps } from './read-certificates';

export type { ReadDeps } from './read-certificates';

/** What the box was read as, with its answer. */
export type FoundCertificates =
  | { readonly kind: 'newest'; readonly page: Page<CertificateSummary> }
  | { readonly kind: 'licence'; readonly licenceNo: LicenceNumber; readonly exists: boolean }
  | { readonly kind: 'uscc'; readonly uscc: string; readonly page: Page<CertificateSummary> }
  | { readonly kind: 'name'; readonly page: Page<CertificateSummary> };

/** Looks like a licence number: `XK` and a digit after NFKC (`（鄂）ＸＫ０６` too). */
const LICENCE_LIKE = /XK\s*\d/iu;
/** Looks like a USCC: 18 letters and digits once normalised. */
const USCC_LIKE = /^[0-9A-Z]{18}$/;

/**
 * Read the box and answer it (see the module doc). A malformed licence number or USCC is a `ValidationError` whose
 * issue names `query.q`, so the page shows its message beside the box.
 *
 * @example
 * await findCertificates(deps, { q: '91420100MA4K2X1R09' }); // { kind: 'uscc', uscc, page }
 */
export async function findCertificates(
  deps: ReadDeps,
  input: { readonly q?: string } & PageRequest,
): Promise<FoundCertificates> {
  const q = (input.q ?? '').normalize('NFKC').trim();
  const page = { ...(input.limit ? { limit: input.limit } : {}), ...(input.cursor ? { cursor: input.cursor } : {}) };
  if (q === '') return { kind: 'newest', page: await listCertificates(deps, page) };
  if (LICENCE_LIKE.test(q)) {
    const licenceNo = LicenceNumber.parse(q, 'query.q');
    return { kind: 'licence', licenceNo, exists: (await deps.repository.get(licenceNo)) !== undefined };
  }
  const code = normaliseUscc(q);
  if (USCC_LIKE.test(code)) {
    const uscc = parseUscc(code, 'query.q');
    return { kind: 'uscc', uscc, page: await listCertificates(deps, { uscc, ...page }) };
  }
  return { kind: 'name', page: await listCertificates(deps, { namePrefix: q, ...page }) };
}
