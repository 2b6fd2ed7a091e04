/**
 * The `applications` function: the enterprise's routes (file, documents, submit, follow), the staff list and the
 * staff's audited document read — one role with table read/write and PutObject/GetObject under `applications/` in
 * the documents bucket, no signing.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'applications', entry: 'lambdas/handlers/applications/routes.ts', routes: APPLICATION_ROUTES, … }
 */
import { router } from '../../shared/router';
import { handler as check } from './check-document';
import { handler as file } from './file-application';
import { handler as get } from './get-application';
import { handler as list } from './list-applications';
import { handler as listMine } from './list-my-applications';
import { handler as content } from './read-document-content';
import { handler as upload } from './request-document-upload';
import { handler as submit } from './submit-application';

export const handler = router([file, get, list, listMine, upload, check, content, submit]);
