/**
 * CDK entry point: `npx cdk synth -c stage=dev|prod` (default dev). Builds the stateful and stateless stacks from
 * the typed stage config and runs cdk-nag's AWS Solutions checks over both. Synthesises offline, without an account.
 *
 * Optional context: `-c account=123456789012 -c publicBaseUrl=https://… -c alarmEmail=ops@…`.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildPermit } from '../lib/stacks/permit-app';
import { selectStage } from '../lib/stage-config';

const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
const stage = selectStage(context('stage'), {
  account: context('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
  publicBaseUrl: context('publicBaseUrl'),
  alarmEmail: context('alarmEmail'),
});

buildPermit(app, stage);
Tags.of(app).add('Project', 'Permit');
Tags.of(app).add('Stage', stage.name);
// cdk-nag 3 is a CDK policy-validation plugin: any unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
