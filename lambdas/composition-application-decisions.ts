/**
 * Wiring of the one application function that issues (the reviewer's and the officer's decisions): the application
 * deps plus the issuance deps (signer, renderer) and the lifecycle deps.
 *
 * @example
 * await reviewApplication(decisionDeps(), { viewer, applicationId, action: 'pass-formal-review' });
 */

import { DynamoReprintRepository } from './adapters/dynamo/reprint-repository';
import { once, statusChangeDeps } from './composition';
import { applicationDeps } from './composition-applications';
import { dispatchDeps } from './composition-dispatch';
import { issuanceDeps } from './composition-issuing';
import { dynamoClient } from './shared/clients';
import { config } from './shared/config';
import type { DecisionDeps } from './use-cases/applications/complete-application';
import { notifyDispatches } from './use-cases/dispatch/dispatch';

export const decisionDeps = once<DecisionDeps>(() => ({
  ...applicationDeps(),
  reprints: new DynamoReprintRepository(dynamoClient(), config().tableName),
  issuance: () => issuanceDeps(),
  statusChange: statusChangeDeps(),
  notifyDispatches: (ids) => notifyDispatches(dispatchDeps(), ids),
}));
