/**
 * What every enterprise page shares: the signed-in enterprise's viewer, and a record the viewer may not see drawn
 * as the one "not found" page (404) — another enterprise's licence or application answers exactly like a missing one
 * because the use cases throw the same `NotFoundError` for both.
 *
 * @example
 * return orNotFound(ctx, async () => ({ kind: 'page', title, body }));
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { LicenceNumber } from '../../domain/licence-number';
import type { Viewer } from '../../domain/viewer';
import type { ConsoleContext } from '../../presenters/console/context';
import { notFoundBody } from '../../presenters/console/not-found';
import type { ConsoleResult } from '../../shared/console-route';
import { redirect } from '../../shared/http';
import { downloadCertificate, type ReadDeps } from '../../use-cases/read-certificates';

export async function orNotFound(ctx: ConsoleContext, page: () => Promise<ConsoleResult>): Promise<ConsoleResult> {
  try {
    return await page();
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return {
      kind: 'page',
      status: 404,
      title: { zh: '未找到', en: 'Not found' },
      body: notFoundBody(ctx, error.code).toString(),
    };
  }
}

/** What a plain upload form's redirect back is bound to. */
interface PlainUpload {
  readonly applicationId: string;
  readonly documentId: string;
  readonly type: string;
}

/**
 * The token in a plain upload form's redirect back (`…/uploaded?t=`): storage sends the browser there with a GET that
 * runs the check, so the GET carries its own proof that this session drew the form — a digest of the session's CSRF
 * token and the document it is for (the CSRF token itself never leaves for storage).
 *
 * @example
 * plainUploadToken(ctx.csrfToken, { applicationId, documentId, type: 'test-report' }); // 43 base64url characters
 */
export function plainUploadToken(csrfToken: string, upload: PlainUpload): string {
  return createHash('sha256')
    .update(`permit-plain-upload\n${csrfToken}\n${upload.applicationId}\n${upload.documentId}\n${upload.type}`)
    .digest('base64url');
}

/**
 * Refuse (403 `CSRF_TOKEN_INVALID`) a redirect back whose token is not this session's for this document.
 *
 * @example
 * assertPlainUploadToken(ctx.csrfToken, { applicationId, documentId, type }, query.t);
 */
export function assertPlainUploadToken(csrfToken: string, upload: PlainUpload, token: string): void {
  const expected = Buffer.from(plainUploadToken(csrfToken, upload));
  const given = Buffer.from(token);
  if (!csrfToken || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new ForbiddenError('CSRF_TOKEN_INVALID', 'this upload was not started from this session’s page');
  }
}

/**
 * A licence's PDF as a page answers it (the enterprise's and staff's download links): a `raw` 302 to the presigned URL
 * (≤ 5 min), recorded in the audit trail (who, which version, which digest) as the API's `downloadCertificatePdf`
 * records it; a licence or version the viewer may not see (another enterprise's, or none) is the 404 page.
 *
 * @example
 * export const handler = consoleRoute(consoleLicencePdfRoute, (r) => pdfDownload(readDeps(), r));
 */
export function pdfDownload(
  deps: ReadDeps,
  request: {
    readonly viewer: Viewer;
    readonly params: { readonly licenceNo: LicenceNumber };
    readonly query: { readonly version?: number | undefined };
    readonly ctx: ConsoleContext;
  },
): Promise<ConsoleResult> {
  const { viewer, params, query, ctx } = request;
  return orNotFound(ctx, async () => {
    const { url } = await downloadCertificate(deps, {
      licenceNo: params.licenceNo,
      ...(query.version ? { version: query.version } : {}),
      viewer,
    });
    return { kind: 'raw', result: redirect(url) };
  });
}
