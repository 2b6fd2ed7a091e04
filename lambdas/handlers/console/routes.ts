/**
 * The console function's router: sign-in and out, the start page, assets and the enterprise's pages. A new console
 * page is a handler file here, a line in this list and its contract in `lambdas/functions.ts`'s `console` entry.
 */
import { router } from '../../shared/router';
import { handler as application } from './application';
import { handler as assets } from './assets';
import { handler as callback } from './callback';
import { handler as checkDocument } from './check-document';
import { handler as documentUploaded } from './document-uploaded';
import { handler as fileApplication } from './file-application';
import { handler as home } from './home';
import { handler as licence } from './licence';
import { handler as licencePdf } from './licence-pdf';
import { handler as myApplications } from './my-applications';
import { handler as myLicences } from './my-licences';
import { handler as newApplication } from './new-application';
import { handler as notFound } from './not-found';
import { handler as requestUpload } from './request-upload';
import { handler as signIn } from './sign-in';
import { handler as signOut } from './sign-out';
import { handler as signedOut } from './signed-out';
import { handler as submitApplication } from './submit-application';

export const handler = router([
  home,
  signIn,
  callback,
  signOut,
  signedOut,
  assets,
  myLicences,
  licence,
  licencePdf,
  newApplication,
  fileApplication,
  myApplications,
  application,
  requestUpload,
  checkDocument,
  documentUploaded,
  submitApplication,
  notFound,
]);
