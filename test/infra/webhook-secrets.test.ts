/**
 * The key that seals webhook secrets: a rotating symmetric KMS key in the stateful stack, its id in every function's
 * environment, and usable only by a function whose registry grant names it — `open` is kms:Decrypt, `seal`
 * kms:Encrypt, on that key alone and only under the key's encryption-context purpose.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type FunctionDefinition, functions } from '../../lambdas/functions';
import { webhookSecretsKey } from '../../lib/resources';
import { fixtureRegistry } from './fixtures';
import { logicalIdOf, type Synthesised, synth } from './support';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

const ENTRY = 'lambdas/handlers/openapi.ts';
/** The fixture registry and three functions holding each kind of the grant (and nothing else). */
const registry: readonly FunctionDefinition[] = [
  ...fixtureRegistry,
  { name: 'fx-webhook-open', entry: ENTRY, description: 'fixture: opens secrets', grants: { webhookSecrets: 'open' } },
  { name: 'fx-webhook-seal', entry: ENTRY, description: 'fixture: seals secrets', grants: { webhookSecrets: 'seal' } },
  {
    name: 'fx-webhook-both',
    entry: ENTRY,
    description: 'fixture: seals and opens secrets',
    grants: { table: 'read', webhookSecrets: 'seal-open' },
  },
];
const s = synth({ registry });

function statementsOf(synthesised: Synthesised, name: string): Statement[] {
  const fn = synthesised.stateless.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  const roleId = synthesised.stateless.getLogicalId(fn.role.node.defaultChild as never);
  return Object.values(synthesised.statelessTemplate.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actions = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);
const resources = (st: Statement): unknown[] => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]);
/** Statements beyond the function's own log group and X-Ray, which every function has. */
const dataStatements = (sts: Statement[]) =>
  sts.filter((st) => actions(st).some((a) => !a.startsWith('logs:') && !a.startsWith('xray:')));
const onSecretsKey = (st: Statement) => JSON.stringify(st.Resource).includes(webhookSecretsKey.id);
const purpose = { StringEquals: { 'kms:EncryptionContext:purpose': 'permit-webhook-secret' } };

describe('the webhook secrets key', () => {
  it('is a symmetric encryption key with rotation on, retained, with a stage alias', () => {
    // Prepare
    const keyId = logicalIdOf(s.statefulTemplate, 'AWS::KMS::Key', {
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
    });

    // Assess
    expect(keyId).toContain(webhookSecretsKey.id);
    s.statefulTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        EnableKeyRotation: true,
        Description: Match.stringLikeRegexp('webhook signing secrets .* stage dev'),
      }),
    });
    s.statefulTemplate.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/permit-dev-webhook-secrets',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(s.stateful.resources.webhookSecretsKey).not.toBe(s.stateful.resources.signingKey);
    expect(s.stateful.resources.webhookSecretsKey).not.toBe(s.stateful.resources.logKey);
  });

  it('is named to every function by its id', () => {
    for (const fn of Object.values(s.statelessTemplate.findResources('AWS::Lambda::Function'))) {
      expect(JSON.stringify(fn.Properties.Environment.Variables.WEBHOOK_SECRETS_KEY_ID)).toMatch(/WebhookSecretsKey/);
    }
  });

  it('an `open` grant is kms:Decrypt on that key alone, under its purpose, and nothing else', () => {
    // Act
    const data = dataStatements(statementsOf(s, 'fx-webhook-open'));

    // Assess
    expect(data).toEqual([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: expect.anything(), Condition: purpose }]);
    expect(resources(data[0] as Statement)).toHaveLength(1);
    expect(JSON.stringify(data[0]?.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*WebhookSecretsKey[^"]*Arn/);
  });

  it('a `seal` grant is kms:Encrypt alone; `seal-open` both, in one statement beside its other grants', () => {
    // Act
    const seal = dataStatements(statementsOf(s, 'fx-webhook-seal'));
    const both = dataStatements(statementsOf(s, 'fx-webhook-both')).filter((st) =>
      actions(st).some((a) => a.startsWith('kms:')),
    );

    // Assess
    expect(seal).toEqual([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: expect.anything(), Condition: purpose }]);
    expect(seal.every(onSecretsKey)).toBe(true);
    expect(both).toHaveLength(1);
    expect(actions(both[0] as Statement).sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
    expect(both.every(onSecretsKey) && both[0]?.Condition).toEqual(purpose);
  });

  it('no fixture function without the grant holds any action on the key', () => {
    for (const def of fixtureRegistry) {
      expect(statementsOf(s, def.name).filter(onSecretsKey), def.name).toEqual([]);
    }
  });

  it('in the real registry, exactly the functions whose grant names it may use the key', () => {
    // Prepare
    const real = synth();

    // Assess
    for (const def of functions) {
      const onKey = statementsOf(real, def.name).filter(onSecretsKey);
      expect(onKey.length > 0, def.name).toBe(def.grants.webhookSecrets !== undefined);
    }
  });
});
