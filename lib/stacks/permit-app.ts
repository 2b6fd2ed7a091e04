/**
 * Builds Permit's two stacks for one stage, wired through typed props (CDK turns the references into
 * CloudFormation exports and imports). Shared by `bin/app.ts` and the infrastructure tests.
 */
import type { App } from 'aws-cdk-lib';
import type { FunctionDefinition } from '../../lambdas/functions';
import type { StageConfig } from '../stage-config';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface PermitStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export interface BuildOptions {
  /** Function registry override (tests). */
  readonly registry?: readonly FunctionDefinition[];
}

/**
 * @example
 * const { stateful, stateless } = buildPermit(new App(), selectStage('dev'));
 */
export function buildPermit(app: App, stage: StageConfig, options: BuildOptions = {}): PermitStacks {
  const env = { region: stage.region, ...(stage.account ? { account: stage.account } : {}) };
  const prefix = `Permit-${stage.name}`;
  const common = { env, terminationProtection: stage.terminationProtection };
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    ...common,
    stage,
    description: `Permit ${stage.name}: records, files, queues, signing key and identities (retained)`,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    ...common,
    stage,
    resources: stateful.resources,
    description: `Permit ${stage.name}: HTTP API and functions`,
    ...(options.registry ? { registry: options.registry } : {}),
  });
  return { stateful, stateless };
}
