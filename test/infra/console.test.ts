/**
 * The web console's cloud wiring: in dev, Cognito's hosted UI (its domain, the console client's callback and logout
 * URLs under `/console/`); in prod, the provincial portal's issuer from the stage configuration; and the console
 * function's environment — its OIDC client, its session key set's name and the documents bucket's origin.
 */
import { describe, expect, it } from 'vitest';
import { readConsoleConfig } from '../../lambdas/shared/config';
import { consoleSessionKeys } from '../../lib/resources';
import { type StageConfig, selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { type Synthesised, synth } from './support';

const json = (v: unknown): string => JSON.stringify(v);

function consoleEnvironment(s: Synthesised): Record<string, unknown> {
  const fn = s.stateless.functions.get('console');
  if (!fn) throw new Error('no console function');
  const id = s.stateless.getLogicalId(fn.function.node.defaultChild as never);
  return s.statelessTemplate.findResources('AWS::Lambda::Function')[id]?.Properties.Environment.Variables;
}

describe('dev: Cognito’s hosted UI', () => {
  const dev = selectStage('dev');
  if (dev.identity.kind !== 'cognito') throw new Error('dev is expected to use Cognito');
  const cognito = dev.identity;
  const s = synth({ registry: fixtureRegistry, stage: dev });

  it('has the stage’s hosted-UI domain on the user pool', () => {
    s.statefulTemplate.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const [domain] = Object.values(s.statefulTemplate.findResources('AWS::Cognito::UserPoolDomain'));
    expect(domain?.Properties.Domain).toBe(cognito.hostedUiDomainPrefix);
    expect(domain?.Properties.Domain).toBe('permit-dev-hubei');
    expect(json(domain?.Properties.UserPoolId)).toMatch(/UserPool/);
  });

  it('lets the console client return only to the console’s callback and signed-out pages', () => {
    const [client] = Object.values(s.statefulTemplate.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.Properties.CallbackURLs).toEqual([`${dev.publicBaseUrl}/console/callback`]);
    expect(client?.Properties.LogoutURLs).toEqual([`${dev.publicBaseUrl}/console/signed-out`]);
    expect(client?.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client?.Properties.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid']));
    const urls: string[] = [...(client?.Properties.CallbackURLs ?? []), ...(client?.Properties.LogoutURLs ?? [])];
    for (const url of urls) {
      expect(new URL(url).protocol).toBe('https:');
      expect(new URL(url).pathname).toMatch(/^\/console\//);
    }
  });
});

describe('dev with another public base URL (-c publicBaseUrl=…)', () => {
  const base = 'https://permit-dev.amr.hubei.gov.cn';
  const stage = selectStage('dev', { publicBaseUrl: base });
  const s = synth({ registry: fixtureRegistry, stage });

  it('lets Cognito send the browser back to the console under that base URL, and nowhere else', () => {
    // Act
    const [client] = Object.values(s.statefulTemplate.findResources('AWS::Cognito::UserPoolClient'));
    // Assess
    expect(client?.Properties.CallbackURLs).toEqual([`${base}/console/callback`]);
    expect(client?.Properties.LogoutURLs).toEqual([`${base}/console/signed-out`]);
    expect(json(client?.Properties)).not.toContain('example.gov.cn');
  });

  it('gives the console function the same base URL, so the redirect it asks for is one Cognito allows', () => {
    const env = consoleEnvironment(synth({ stage }));
    const [client] = Object.values(s.statefulTemplate.findResources('AWS::Cognito::UserPoolClient'));
    // The console asks for `${PUBLIC_BASE_URL}/console/callback` (sign-in.ts, callback.ts, sign-out.ts).
    expect(client?.Properties.CallbackURLs).toContain(`${env.PUBLIC_BASE_URL}/console/callback`);
    expect(client?.Properties.LogoutURLs).toContain(`${env.PUBLIC_BASE_URL}/console/signed-out`);
  });
});

describe('the console function’s environment', () => {
  it('dev: the pool’s issuer and client, the hosted UI’s logout, the session key set and the documents origin', () => {
    const env = consoleEnvironment(synth({ stage: selectStage('dev') }));
    expect(json(env.CONSOLE_OIDC_ISSUER)).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::ImportValue":"[^"]*UserPool[^"]*ProviderURL/,
    );
    expect(json(env.CONSOLE_OIDC_CLIENT_ID)).toMatch(/"Fn::ImportValue":"[^"]*ConsoleClient/);
    expect(json(env.CONSOLE_OIDC_LOGOUT_URL)).toMatch(/HostedUi/);
    expect(json(env.CONSOLE_OIDC_LOGOUT_URL)).toMatch(/\.auth\.ap-southeast-1\.amazoncognito\.com\/logout"\]\]\}$/);
    expect(env[consoleSessionKeys.envVar]).toBe('/permit/dev/console-session-keys');
    expect(json(env.CONSOLE_STORAGE_ORIGIN)).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::ImportValue":"[^"]*Documents[^"]*RegionalDomainName/,
    );
    // Never the local provider's settings in the cloud.
    expect(env.CONSOLE_OIDC_DISCOVERY_URL).toBeUndefined();
    expect(env[consoleSessionKeys.localEnvVar]).toBeUndefined();
  });

  it('prod: the provincial portal’s issuer and the console client id from the stage configuration', () => {
    const prod = selectStage('prod');
    if (prod.identity.kind !== 'external') throw new Error('prod is expected to use an external issuer');
    const env = consoleEnvironment(synth({ stage: prod }));
    expect(env.CONSOLE_OIDC_ISSUER).toBe(prod.identity.issuer);
    expect(env.CONSOLE_OIDC_CLIENT_ID).toBe(prod.identity.consoleClientId);
    expect(prod.identity.audience).toContain(prod.identity.consoleClientId);
    expect(env.CONSOLE_OIDC_LOGOUT_URL).toBeUndefined();
    expect(env[consoleSessionKeys.envVar]).toBe('/permit/prod/console-session-keys');
  });

  it('prod: a stage logout URL reaches the function, and what it receives is what the console reads', () => {
    const prod = selectStage('prod');
    if (prod.identity.kind !== 'external') throw new Error('prod is expected to use an external issuer');
    const stage: StageConfig = {
      ...prod,
      identity: { ...prod.identity, consoleLogoutUrl: 'https://sso.example.gov.cn/oidc/logout' },
    };
    const env = consoleEnvironment(synth({ stage }));
    expect(env.CONSOLE_OIDC_LOGOUT_URL).toBe('https://sso.example.gov.cn/oidc/logout');
    // The plain strings of the block parse as the console's configuration (tokens aside).
    const plain = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : 'https://resolved.example']),
    );
    expect(readConsoleConfig(plain)).toMatchObject({
      issuer: prod.identity.issuer,
      clientId: prod.identity.consoleClientId,
      logoutUrl: 'https://sso.example.gov.cn/oidc/logout',
      sessionKeys: { kind: 'ssm', parameter: '/permit/prod/console-session-keys' },
    });
  });
});
