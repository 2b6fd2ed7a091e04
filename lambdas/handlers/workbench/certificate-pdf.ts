/** GET /console/workbench/certificates/{licenceNo}/pdf[?version=N] — 302 to the PDF through the API's audited download. */
import { readDeps } from '../../composition/storage';
import { consoleWorkbenchCertificatePdfRoute } from '../../contracts/console-workbench';
import { consoleRoute } from '../../shared/console-route';
import { pdfDownload } from '../console/page-support';

const deps = readDeps();

export const handler = consoleRoute(consoleWorkbenchCertificatePdfRoute, (r) => pdfDownload(deps, r));
