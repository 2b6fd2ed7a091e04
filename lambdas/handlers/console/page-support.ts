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
import type { ConsoleContext } from '../../presenters/console/context';
import { notFoundBody } from '../../presenters/console/not-found';
import type { ConsoleResult } from '../../shared/console-route';

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
