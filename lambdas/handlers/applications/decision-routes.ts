/**
 * The `application-decisions` function: the reviewer's steps and the officer's decision — the only application
 * function that issues (signing key, certificates bucket, fonts).
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'application-decisions', entry: 'lambdas/handlers/applications/decision-routes.ts', routes: [reviewApplicationRoute, decideApplicationRoute] }
 */
import { router } from '../../shared/router';
import { handler as decide } from './decide-application';
import { handler as review } from './review-application';

export const handler = router([review, decide]);
