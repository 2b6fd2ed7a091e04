/**
 * GET /console/licences/{licenceNo}/pdf[?version=N] — 302 to the PDF through the API's audited download; another
 * enterprise's licence is the 404 page.
 */
import { readDeps } from '../../composition/storage';
import { consoleLicencePdfRoute } from '../../contracts/console-enterprise';
import { consoleRoute } from '../../shared/console-route';
import { pdfDownload } from './page-support';

const deps = readDeps();

export const handler = consoleRoute(consoleLicencePdfRoute, (r) => pdfDownload(deps, r));
