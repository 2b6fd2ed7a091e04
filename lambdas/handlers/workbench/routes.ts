/**
 * The workbench function's router (审批工作台, staff pages under `/console/workbench`). A new page is a handler file
 * here, a line in this list and its contract in `lambdas/functions.ts`'s `workbench` entry. The console function
 * keeps sign-in, assets and the console's 404 page; API Gateway sends these literal paths here.
 */
import { router } from '../../shared/router';
import { handler as application } from './application';
import { handler as decideApplication } from './decide-application';
import { handler as document } from './document';
import { handler as home } from './home';
import { handler as reviewApplication } from './review-application';
import { handler as worklist } from './worklist';

export const handler = router([home, worklist, application, document, reviewApplication, decideApplication]);
