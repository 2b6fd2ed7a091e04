/**
 * The `applications` function: the enterprise's routes (file, documents, submit, follow), the staff list and the
 * staff's audited document read — one role with table read/write and PutObject/GetObject under `applications/` in
 * the documents bucket, no signing.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'applications', entry: 'lambdas/handlers/applications/routes.ts', routes: APPLICATION_ROUTES, … }
 */
import {
  checkDocumentRoute,
  fileApplicationRoute,
  getApplicationRoute,
  listApplicationsRoute,
  listMyApplicationsRoute,
  readDocumentContentRoute,
  requestDocumentUploadRoute,
  submitApplicationRoute,
} from '../../contracts/applications';
import { routeDispatcher } from './dispatcher';
import { checkHandler, contentHandler, uploadHandler } from './documents';
import { handler as file } from './file-application';
import { handler as get } from './get-application';
import { listHandler, listMineHandler } from './list-applications';
import { handler as submit } from './submit-application';

export const handler = routeDispatcher([
  [fileApplicationRoute, file],
  [getApplicationRoute, get],
  [listApplicationsRoute, listHandler],
  [listMyApplicationsRoute, listMineHandler],
  [requestDocumentUploadRoute, uploadHandler],
  [checkDocumentRoute, checkHandler],
  [readDocumentContentRoute, contentHandler],
  [submitApplicationRoute, submit],
]);
