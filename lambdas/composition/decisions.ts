/**
 * Wiring of the one application function that issues (the reviewer's and the officer's decisions): the application
 * deps plus the reprints, the issuance deps (signer, renderer, outbox publisher; loaded only when a decision issues)
 * and the status-change deps. The decision runs them all on its own clock.
 *
 * @example
 * await reviewApplication(decisionDeps(), { viewer, applicationId, action: 'pass-formal-review' });
 */
import { DynamoReprintRepository } from '../adapters/dynamo/reprint-repository';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import type { DecisionDeps } from '../use-cases/applications/complete-application';
import { applicationDeps } from './applications';
import { issuanceDeps } from './issuance';
import { once } from './once';
import { statusChangeDeps } from './storage';

const reprints = once(() => new DynamoReprintRepository(dynamoClient(), config().tableName));
const issuance = once(() => issuanceDeps());

/**
 * Deps of the decisions; `parts` replace any of them (tests).
 *
 * @example
 * const deps = decisionDeps({ clock });
 */
export const decisionDeps = (parts: Partial<DecisionDeps> = {}): DecisionDeps => ({
  ...applicationDeps(parts),
  reprints: reprints(),
  issuance,
  statusChange: statusChangeDeps(),
  ...parts,
});
