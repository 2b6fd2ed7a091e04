/**
 * The `dispatches` function: the enterprise's parcels, staff lists by state and month, and one certificate's parcels.
 * Every list is a Query on an index (gsi2 by enterprise, gsi3 by state and month).
 *
 * @example
 * // GET /v1/dispatches?state=delivered&month=2026-11 → the month's delivered parcels (postage statement)
 */
import { router } from '../shared/router';
import { handler as ofCertificate } from './list-certificate-dispatches';
import { handler as byStateAndMonth } from './list-dispatches';
import { handler as mine } from './list-my-dispatches';

export const handler = router([mine, byStateAndMonth, ofCertificate]);
