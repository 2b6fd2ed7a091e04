/**
 * The workbench function's router (审批工作台, staff pages under `/console/workbench`). A new page is a handler file
 * here, a line in this list and its contract in `lambdas/functions.ts`'s `workbench` entry. The console function
 * keeps sign-in, assets and the console's 404 page; API Gateway sends these literal paths here.
 */
import { router } from '../../shared/router';
import { handler as certificate } from './certificate';
import { handler as certificatePdf } from './certificate-pdf';
import { handler as certificates } from './certificates';
import { handler as home } from './home';
import { handler as statistics } from './statistics';
import { handler as statusConfirm } from './status-confirm';
import { handler as statusForm } from './status-form';
import { handler as statusReview } from './status-review';

export const handler = router([
  home,
  certificates,
  certificate,
  certificatePdf,
  statusForm,
  statusReview,
  statusConfirm,
  statistics,
]);
