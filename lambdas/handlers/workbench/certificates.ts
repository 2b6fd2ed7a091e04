/**
 * GET /console/workbench/certificates?q= — find certificates (staff): the one box read by `findCertificates` (exact
 * licence number → straight to its page when it exists; exact USCC; enterprise-name prefix; empty → the newest),
 * 50 a page through sealed cursors; a malformed number or code is the box again (422) with its reason beside it.
 */
import { readDeps } from '../../composition/storage';
import { consoleWorkbenchCertificatesRoute, WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { isExpired, localDateOf, parseLocalDate } from '../../domain/dates';
import { ValidationError } from '../../domain/errors';
import type { CertificateSummary } from '../../ports/certificate-repository';
import {
  type CertificateRow,
  certificateHref,
  certificatesFindBody,
} from '../../presenters/console/workbench-certificates';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { findCertificates, type ReadDeps } from '../../use-cases/find-certificates';

const TITLE = { zh: '许可证查询', en: 'Find certificates' };

const rowOf =
  (today: ReturnType<typeof localDateOf>) =>
  (c: CertificateSummary): CertificateRow => ({
    licenceNo: c.licenceNo.toString(),
    urlSafe: c.licenceNo.toUrlSafe(),
    enterpriseName: c.enterpriseName,
    uscc: c.uscc,
    status: c.status === 'valid' && isExpired(parseLocalDate(c.validUntil), today) ? 'expired' : c.status,
    version: c.version,
    validUntil: c.validUntil,
  });

/**
 * The page.
 *
 * @example
 * await certificatesPage(readDeps(), request); // { kind: 'page', … } or { kind: 'redirect', to: '…/42-XK06-001-00001' }
 */
export async function certificatesPage(
  deps: ReadDeps,
  request: ConsoleRequest<typeof consoleWorkbenchCertificatesRoute>,
): Promise<ConsoleResult> {
  const { query, ctx, nextPage } = request;
  const q = query.q ?? '';
  let found: Awaited<ReturnType<typeof findCertificates>>;
  try {
    found = await findCertificates(deps, {
      q,
      limit: WORKBENCH_PAGE_SIZE,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  } catch (error) {
    const aboutBox = error instanceof ValidationError && error.details.issues?.some((i) => i.field === 'query.q');
    if (!aboutBox) throw error;
    const body = certificatesFindBody({ q, kind: 'name', items: [], error: { code: error.code } }, ctx);
    return { kind: 'page', status: 422, title: TITLE, body: body.toString() };
  }
  if (found.kind === 'licence') {
    if (found.exists) return { kind: 'redirect', to: certificateHref(found.licenceNo.toUrlSafe()) };
    return {
      kind: 'page',
      title: TITLE,
      body: certificatesFindBody({ q, kind: 'licence', items: [] }, ctx).toString(),
    };
  }
  const today = localDateOf(deps.clock.now());
  const next = await nextPage(found.page.cursor);
  const body = certificatesFindBody(
    { q, kind: found.kind, items: found.page.items.map(rowOf(today)), ...(next ? { next } : {}) },
    ctx,
  );
  return { kind: 'page', title: TITLE, body: body.toString() };
}

const deps = readDeps();

export const handler = consoleRoute(consoleWorkbenchCertificatesRoute, (r) => certificatesPage(deps, r));
