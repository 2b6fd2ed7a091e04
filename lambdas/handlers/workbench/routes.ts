/**
 * The workbench function's router (审批工作台, staff pages under `/console/workbench`). A new page is a handler file
 * here, a line in this list and its contract in `lambdas/functions.ts`'s `workbench` entry. The console function
 * keeps sign-in, assets and the console's 404 page; API Gateway sends these literal paths here.
 */
import { router } from '../../shared/router';
import { handler as admin } from './admin';
import { handler as application } from './application';
import { handler as calendar } from './calendar';
import { handler as calendarLoad } from './calendar-load';
import { handler as calendarPreview } from './calendar-preview';
import { handler as certificate } from './certificate';
import { handler as certificatePdf } from './certificate-pdf';
import { handler as certificates } from './certificates';
import { handler as changeInspector } from './change-inspector';
import { handler as compromiseKey } from './compromise-key';
import { handler as compromiseKeyPage } from './compromise-key-page';
import { handler as createPlan } from './create-plan';
import { handler as decideApplication } from './decide-application';
import { handler as dispatches } from './dispatches';
import { handler as document } from './document';
import { handler as drawPlan } from './draw-plan';
import { handler as drawReview } from './draw-review';
import { handler as freezePlan } from './freeze-plan';
import { handler as freezePlanPage } from './freeze-plan-page';
import { handler as home } from './home';
import { handler as inspection } from './inspection';
import { handler as inspections } from './inspections';
import { handler as inspector } from './inspector';
import { handler as inspectorForm } from './inspector-form';
import { handler as inspectorLeave } from './inspector-leave';
import { handler as inspectorRecusal } from './inspector-recusal';
import { handler as inspectors } from './inspectors';
import { handler as keys } from './keys';
import { handler as plan } from './plan';
import { handler as planForm } from './plan-form';
import { handler as plans } from './plans';
import { handler as publications } from './publications';
import { handler as publishSpotCheck } from './publish-spot-check';
import { handler as recordInspection } from './record-inspection';
import { handler as registerInspector } from './register-inspector';
import { handler as reinstateInspector } from './reinstate-inspector';
import { handler as retireInspector } from './retire-inspector';
import { handler as retireInspectorPage } from './retire-inspector-page';
import { handler as reviewApplication } from './review-application';
import { handler as statistics } from './statistics';
import { handler as statusConfirm } from './status-confirm';
import { handler as statusForm } from './status-form';
import { handler as statusReview } from './status-review';
import { handler as worklist } from './worklist';

export const handler = router([
  home,
  // Worklist and applications
  worklist,
  application,
  document,
  reviewApplication,
  decideApplication,
  // Certificates
  certificates,
  certificate,
  certificatePdf,
  statusForm,
  statusReview,
  statusConfirm,
  // Inspections and dispatches
  inspections,
  publications,
  inspection,
  recordInspection,
  publishSpotCheck,
  dispatches,
  // Supervision (双随机抽查): plans, freeze, draw
  plans,
  planForm,
  createPlan,
  plan,
  freezePlanPage,
  freezePlan,
  drawReview,
  drawPlan,
  // Supervision: the inspectors' registry (执法检查人员名录库)
  inspectors,
  inspectorForm,
  registerInspector,
  inspector,
  changeInspector,
  retireInspectorPage,
  retireInspector,
  reinstateInspector,
  inspectorLeave,
  inspectorRecusal,
  // Administration
  admin,
  calendar,
  calendarPreview,
  calendarLoad,
  keys,
  compromiseKeyPage,
  compromiseKey,
  // Statistics
  statistics,
]);
