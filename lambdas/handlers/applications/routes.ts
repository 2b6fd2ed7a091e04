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
import { checkHandler, contentHandler, uploadHandler } from './documents';
import { handler as file } from './file-application';
import { handler as get } from './get-application';
import { listHandler, listMineHandler } from './list-applications';
import { handler as submit } from './submit-application';

export const handler = router([
  file,
  get,
  listHandler,
  listMineHandler,
  uploadHandler,
  checkHandler,
  contentHandler,
  submit,
]);
