import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildPermit } from '../../lib/stacks/permit-app';
import { type StageName, selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { synth, templateStrings } from './support';

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;
/** A policy's `Principal.Service`, or a Lambda permission's `Principal`. */
const PRINCIPAL_POSITION = /\.Principal(\.Service)?(\[\d+\])?$/;

/**
 * Strings that would tie a template to one partition. Service principals (`lambda.amazonaws.com`, …) are the same
 * in the China partition and are allowed where a principal is expected, and only there.
 */
function partitionLiterals(strings: { path: string; value: string }[]): string[] {
  return strings
    .filter(({ path, value }) => !(PRINCIPAL_POSITION.test(path) && SERVICE_PRINCIPAL.test(value)))
    .filter(({ value }) => value.includes('arn:aws:') || /amazonaws\.com(?!\.cn)/.test(value))
    .map(({ path, value }) => `${path} = ${value}`);
}

describe.each(['dev', 'prod'] as StageName[])('partition-agnostic templates, %s stage', (stageName) => {
  const s = synth({ stage: selectStage(stageName), registry: fixtureRegistry });

  it.each([
    ['stateful', () => s.statefulTemplate],
    ['stateless', () => s.statelessTemplate],
  ])('the %s template has no arn:aws: or amazonaws.com literal', (_, template) => {
    expect(partitionLiterals(templateStrings(template()))).toEqual([]);
  });

  it('builds ARNs with the AWS::Partition pseudo parameter', () => {
    expect(JSON.stringify(s.statelessTemplate.toJSON())).toContain('{"Ref":"AWS::Partition"}');
  });
});

describe('the scan itself', () => {
  it('catches hard-coded partitions and hosts, and lets service principals through', () => {
    expect(
      partitionLiterals([
        { path: '$.Resources.X.Properties.Arn', value: 'arn:aws:kms:cn-north-1:1:key/x' },
        { path: '$.Resources.X.Properties.Url', value: 'https://sqs.cn-north-1.amazonaws.com/1/q' },
        { path: '$.Resources.X.Properties.Url', value: 'https://sqs.cn-north-1.amazonaws.com.cn/1/q' },
        {
          path: '$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service',
          value: 'lambda.amazonaws.com',
        },
        { path: '$.Resources.P.Properties.Principal', value: 'apigateway.amazonaws.com' },
        { path: '$.Resources.P.Properties.Principal', value: 'arn:aws:iam::1:root' },
      ]),
    ).toHaveLength(3);
  });
});

describe('every resource type exists in the stage region (CloudFormation registry, offline)', () => {
  it.each(['dev', 'prod'] as StageName[])('%s', (stageName) => {
    // Prepare: CDK's built-in CloudFormation validation knows which resource types each region offers.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: true });
    buildPermit(app, selectStage(stageName), { registry: fixtureRegistry });
    // Act
    const assembly = app.synth();
    // Assess
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as unknown;
    const missing = JSON.stringify(report).match(/Resource type '[^']+' does not exist in '[^']+'/g) ?? [];
    expect(missing).toEqual([]);
  });

  it('would have caught Cognito in the China regions', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: true });
    buildPermit(app, { ...selectStage('dev'), region: 'cn-north-1' }, { registry: fixtureRegistry });
    const report = readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8');
    expect(report).toContain("Resource type 'AWS::Cognito::UserPool' does not exist in 'cn-north-1'");
  });
});
