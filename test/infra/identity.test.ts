import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../lambdas/contracts/route';
import { type CognitoIdentityConfig, type StageConfig, selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { synth } from './support';

const dev = selectStage('dev');
const cognitoOf = (stage: StageConfig): CognitoIdentityConfig => {
  if (stage.identity.kind !== 'cognito') throw new Error('dev is expected to use Cognito');
  return stage.identity;
};

describe('Cognito user pool (dev)', () => {
  const s = synth({ registry: fixtureRegistry, stage: dev });
  const t = s.statefulTemplate;

  it('is admin-only, strong-passworded, MFA optional (TOTP), deletion-protected and retained', () => {
    t.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'ESSENTIALS',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
    });
  });

  it('has the 18-character custom:uscc attribute, mutable so that federation may map it', () => {
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({
          Name: 'uscc',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: { MinLength: '18', MaxLength: '18' },
        }),
      ]),
    });
  });

  it('has one group per role, named exactly as the role', () => {
    t.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
    for (const role of ROLES) t.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  });

  it('has a console client without secret (SRP, authorization code) that reads but cannot write custom:uscc', () => {
    const clients = Object.values(t.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const p = clients[0]?.Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.CallbackURLs).toEqual([`${dev.publicBaseUrl}/console/callback`]);
    expect(p.ReadAttributes).toContain('custom:uscc');
    expect(p.WriteAttributes).not.toContain('custom:uscc');
    expect(p.PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('configures the HTTP API JWT authorizer with the pool issuer (from ProviderURL, partition-safe) and the client id', () => {
    s.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const [authorizer] = Object.values(s.statelessTemplate.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer?.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const issuer = JSON.stringify(authorizer?.Properties.JwtConfiguration.Issuer);
    expect(issuer).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::ImportValue":"[^"]*UserPool[^"]*ProviderURL/);
    expect(JSON.stringify(authorizer?.Properties.JwtConfiguration.Audience)).toMatch(/ConsoleClient/);
  });

  it('creates no federation until the stage supplies the portal registration', () => {
    t.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
  });
});

describe('federation with the government portal (the seam)', () => {
  const stage: StageConfig = {
    ...dev,
    identity: {
      ...cognitoOf(dev),
      governmentPortal: {
        providerName: 'HubeiGov',
        issuerUrl: 'https://sso.example.gov.cn/oidc',
        clientId: 'permit',
        clientSecretName: 'permit/dev/portal-client-secret',
        scopes: ['openid', 'profile'],
      },
    },
  };
  const t = synth({ registry: fixtureRegistry, stage }).statefulTemplate;

  it('creates an OIDC identity provider whose secret is a dynamic reference, mapping USCC', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'HubeiGov',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({
        oidc_issuer: 'https://sso.example.gov.cn/oidc',
        client_id: 'permit',
        client_secret: '{{resolve:secretsmanager:permit/dev/portal-client-secret:SecretString:::}}',
      }),
      AttributeMapping: Match.objectLike({ 'custom:uscc': 'uscc' }),
    });
  });

  it('lets the console client sign in through it', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: ['COGNITO', { Ref: Match.stringLikeRegexp('GovernmentPortal') }],
    });
  });
});

describe('prod (China): no user pool, the authorizer trusts the configured issuer', () => {
  const prod = selectStage('prod');
  const s = synth({ registry: fixtureRegistry, stage: prod });

  it('creates no Cognito resources', () => {
    expect(Object.keys(s.statefulTemplate.findResources('AWS::Cognito::UserPool'))).toHaveLength(0);
  });

  it('points the JWT authorizer at the external issuer and audience', () => {
    if (prod.identity.kind !== 'external') throw new Error('prod is expected to use an external issuer');
    s.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: prod.identity.issuer, Audience: [...prod.identity.audience] },
    });
  });
});

describe('threat protection', () => {
  it('runs the Plus plan with full-function threat protection when the stage turns it on', () => {
    const stage: StageConfig = { ...dev, identity: { ...cognitoOf(dev), threatProtection: true } };
    synth({ registry: fixtureRegistry, stage }).statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });
});
