/**
 * The key sets in the cloud — the list cursors' and the console sessions': each an SSM SecureString made by its own
 * custom resource in the stateful stack (no secret in any template), its provider allowed to write exactly that
 * parameter; read access (with decryption) for exactly the functions that serve a paginated route — derived from the
 * contracts, not listed by hand — and, for the session key set, the console functions alone (console, workbench).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { isPaginated } from '../../lambdas/contracts/route';
import { functions } from '../../lambdas/functions';
import { consoleSessionKeys, cursorKeys } from '../../lib/resources';
import { type StageName, selectStage } from '../../lib/stage-config';
import { type Synthesised, synth } from './support';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const actions = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);
const json = (v: unknown): string => JSON.stringify(v);

/** `arn:<partition>:ssm:<region>:<account>:parameter/permit/<stage>/<name>`, as CloudFormation builds it. */
const parameterArn = (stage: StageName, region: string, name = 'cursor-keys') =>
  json({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        `:ssm:${region}:`,
        { Ref: 'AWS::AccountId' },
        `:parameter/permit/${stage}/${name}`,
      ],
    ],
  });

function roleStatements(s: Synthesised, template: 'stateful' | 'stateless', roleLogicalId: string): Statement[] {
  const t = template === 'stateful' ? s.statefulTemplate : s.statelessTemplate;
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The two key sets made this way: the list cursors' and the console sessions' — two secrets, each its provider. */
const KEY_SETS = [
  { id: 'CursorKeys', parameterName: cursorKeys.parameterName, file: 'cursor-keys' },
  { id: 'ConsoleSessionKeys', parameterName: consoleSessionKeys.parameterName, file: 'console-session-keys' },
] as const;

describe.each(['dev', 'prod'] as StageName[])('%s stage', (stageName) => {
  const stage = selectStage(stageName);
  const s = synth({ stage });
  const resources = s.statefulTemplate.findResources('Custom::PermitCursorKeys');

  it('creates exactly the two key sets, one custom resource each', () => {
    expect(
      Object.values(resources)
        .map((r) => r.Properties.ParameterName)
        .sort(),
    ).toEqual(KEY_SETS.map((k) => k.parameterName(stageName)).sort());
    // No SSM parameter resource (it could not be a SecureString), and no key set's stored form is anywhere.
    s.statefulTemplate.resourceCountIs('AWS::SSM::Parameter', 0);
    for (const t of [s.statefulTemplate, s.statelessTemplate]) {
      const text = json(t.toJSON());
      expect(text.includes('permit-cursor-keys/1') || text.includes('"secret"')).toBe(false);
    }
  });

  describe.each(KEY_SETS)('$id', (keySet) => {
    const [logicalId, resource] =
      Object.entries(resources).find(([, r]) => r.Properties.ParameterName === keySet.parameterName(stageName)) ?? [];

    it('is a custom resource of its own provider that carries its parameter name and nothing secret', () => {
      expect(logicalId).toMatch(new RegExp(`^${keySet.id}[0-9A-F]{8}$`));
      expect(resource?.Properties).toEqual({
        ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${keySet.id}ProviderFunction`)), 'Arn'] },
        ServiceTimeout: '300',
        ParameterName: keySet.parameterName(stageName),
        DeleteOnRemoval: String(stage.removalPolicy === RemovalPolicy.DESTROY),
      });
    });

    it('runs the provider only after its role may write its parameter, and lets it touch nothing else', () => {
      const role = Object.keys(s.statefulTemplate.findResources('AWS::IAM::Role')).find((id) =>
        id.startsWith(`${keySet.id}ProviderRole`),
      ) as string;
      const policy = Object.keys(s.statefulTemplate.findResources('AWS::IAM::Policy')).find((id) =>
        id.startsWith(`${keySet.id}ProviderRoleDefaultPolicy`),
      );
      expect(resource?.DependsOn).toEqual(expect.arrayContaining([role, policy]));
      const ssm = roleStatements(s, 'stateful', role).filter((st) => actions(st).some((a) => a.startsWith('ssm:')));
      expect(ssm).toHaveLength(1);
      expect(actions(ssm[0] as Statement).sort()).toEqual(
        stage.removalPolicy === RemovalPolicy.DESTROY
          ? ['ssm:DeleteParameter', 'ssm:PutParameter']
          : ['ssm:PutParameter'],
      );
      expect(json(ssm[0]?.Resource)).toBe(parameterArn(stageName, stage.region, keySet.file));
      expect(json(roleStatements(s, 'stateful', role))).not.toMatch(/kms:|ssm:GetParameter/);
    });
  });

  it('gives every function the parameter name, and exactly the list functions read access to it', () => {
    const listFunctions = functions.filter((f) => (f.routes ?? []).some(isPaginated)).map((f) => f.name);
    expect(listFunctions.sort()).toEqual(
      [
        'applications',
        'console',
        'dispatches',
        'inspections',
        'list-certificate-audit',
        'list-certificates',
        'list-my-certificates',
        'supervision',
        'supervision-public',
        'webhooks-admin',
        'workbench',
      ].sort(),
    );
    for (const def of functions) {
      const fn = s.stateless.functions.get(def.name);
      const roleId = s.stateless.getLogicalId(fn?.role.node.defaultChild as never);
      const cfnFunction =
        s.statelessTemplate.findResources('AWS::Lambda::Function')[
          s.stateless.getLogicalId(fn?.function.node.defaultChild as never)
        ];
      expect(cfnFunction?.Properties.Environment.Variables[cursorKeys.envVar]).toBe(
        cursorKeys.parameterName(stageName),
      );
      const reads = roleStatements(s, 'stateless', roleId).filter((st) => json(st.Resource).includes('cursor-keys'));
      if (listFunctions.includes(def.name)) {
        expect(
          reads.map((st) => actions(st)),
          def.name,
        ).toEqual([['ssm:GetParameter']]);
        // A function that reads other parameters too (the console's session keys) gets them in the same statement.
        expect([reads[0]?.Resource].flat().map(json)).toContain(parameterArn(stageName, stage.region));
      } else {
        expect(reads, def.name).toEqual([]);
      }
    }
  });

  it('gives the console functions alone (console, workbench) read access to the session key set', () => {
    for (const def of functions) {
      const fn = s.stateless.functions.get(def.name);
      const roleId = s.stateless.getLogicalId(fn?.role.node.defaultChild as never);
      const reads = roleStatements(s, 'stateless', roleId).filter((st) =>
        json(st.Resource).includes('console-session-keys'),
      );
      if (def.name === 'console' || def.name === 'workbench') {
        expect(
          reads.map((st) => actions(st)),
          def.name,
        ).toEqual([['ssm:GetParameter']]);
        // In one statement with the list-cursor key set (its list pages seal cursors as the API's lists do).
        expect([reads[0]?.Resource].flat().map(json)).toContain(
          parameterArn(stageName, stage.region, 'console-session-keys'),
        );
      } else {
        expect(reads, def.name).toEqual([]);
      }
    }
    // Nothing in the stateless stack may write or delete either key set.
    expect(json(s.statelessTemplate.toJSON())).not.toMatch(/ssm:(PutParameter|DeleteParameter)/);
  });
});
