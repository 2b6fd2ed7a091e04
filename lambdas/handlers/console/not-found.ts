/**
 * ANY /console/{proxy+} — an address under `/console` that no page answers: the console's 404 page (its shell, the
 * reader's language, the security headers), not the gateway's bare not-found. Nothing is read: no session is needed to
 * be told a page does not exist, and the path is never echoed back.
 */
import { consoleNotFoundRoute } from '../../contracts/console';
import { NotFoundError } from '../../domain/errors';
import { publicConsoleRoute } from '../../shared/console-route';

export const handler = publicConsoleRoute(consoleNotFoundRoute, async () => {
  throw new NotFoundError('PAGE_NOT_FOUND', 'there is no console page at this address');
});
