/**
 * Who may call Permit: a Cognito user pool whose groups are our roles (`cognito:groups` in the ID token) and whose
 * `custom:uscc` attribute carries an enterprise's unified social credit code, with an app client for the web
 * console. Its issuer and client id configure the HTTP API's JWT authorizer.
 */
import { Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolIdentityProviderOidc,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../lambdas/contracts/route';
import { type CognitoIdentityConfig, consoleRedirectUrls } from '../stage-config';
import { acknowledgeRule } from './nag';

/** Name of the custom attribute; tokens carry it as `custom:uscc`. */
export const USCC_ATTRIBUTE = 'uscc';

export interface PermitIdentityProps {
  readonly config: CognitoIdentityConfig;
  /** The stage's public base URL: the console client's callback and logout URLs are under it. */
  readonly publicBaseUrl: string;
}

/**
 * @example
 * const identity = new PermitIdentity(this, 'Identity', { config: stage.identity, publicBaseUrl: stage.publicBaseUrl });
 * new HttpJwtAuthorizer('Jwt', identity.issuer, { jwtAudience: [identity.consoleClient.userPoolClientId] });
 */
export class PermitIdentity extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  /**
   * The `iss` claim of the pool's tokens, e.g. `https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_abc`, built
   * from the pool's `ProviderURL` attribute so the host suffix is whatever the partition uses.
   */
  readonly issuer: string;
  readonly governmentPortal?: UserPoolIdentityProviderOidc;
  /** The hosted UI's domain: the console signs in and out there. */
  readonly hostedUi: UserPoolDomain;

  constructor(scope: Construct, id: string, props: PermitIdentityProps) {
    super(scope, id);
    const config = props.config;
    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by the authority (staff) or on federated sign-in (enterprises), never by strangers.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // TOTP only: SMS needs an SNS role and a sender registration per country, for little gain.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      customAttributes: {
        // Mutable only so that a federated sign-in may map the portal's USCC claim onto it (Cognito rejects a
        // mapping onto an immutable attribute, and a custom attribute cannot be changed once created). Users still
        // cannot change it: the console client's write attributes leave it out; only admins and the IdP set it.
        [USCC_ATTRIBUTE]: new StringAttribute({ minLen: 18, maxLen: 18, mutable: true }),
      },
      featurePlan: config.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(config.threatProtection ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.issuer = `https://${this.userPool.userPoolProviderUrl}`;

    ROLES.forEach((role, precedence) => {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, precedence, description: `Permit role ${role}` });
    });

    if (config.governmentPortal) this.governmentPortal = this.federate(config.governmentPortal);
    this.consoleClient = this.addConsoleClient(props.publicBaseUrl);
    this.hostedUi = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: config.hostedUiDomainPrefix },
    });
    this.suppressFindings(config);
  }

  private federate(portal: NonNullable<CognitoIdentityConfig['governmentPortal']>): UserPoolIdentityProviderOidc {
    return new UserPoolIdentityProviderOidc(this, 'GovernmentPortal', {
      userPool: this.userPool,
      name: portal.providerName,
      issuerUrl: portal.issuerUrl,
      clientId: portal.clientId,
      // A dynamic reference: CloudFormation reads the secret at deploy time; the template holds only its name.
      clientSecret: SecretValue.secretsManager(portal.clientSecretName).unsafeUnwrap(),
      scopes: [...portal.scopes],
      attributeMapping: {
        email: ProviderAttribute.other('email'),
        fullname: ProviderAttribute.other('name'),
        // Keys are user-pool attribute names as Cognito spells them, custom ones with their prefix.
        custom: { [`custom:${USCC_ATTRIBUTE}`]: ProviderAttribute.other(USCC_ATTRIBUTE) },
      },
    });
  }

  private addConsoleClient(publicBaseUrl: string): UserPoolClient {
    const redirects = consoleRedirectUrls(publicBaseUrl);
    const providers = [UserPoolClientIdentityProvider.COGNITO];
    if (this.governmentPortal)
      providers.push(UserPoolClientIdentityProvider.custom(this.governmentPortal.providerName));
    // Naming the provider by its Ref also orders its creation before the client's.
    return this.userPool.addClient('ConsoleClient', {
      // A browser app cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [redirects.callback],
        logoutUrls: [redirects.signedOut],
      },
      supportedIdentityProviders: providers,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(USCC_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  private suppressFindings(config: CognitoIdentityConfig): void {
    acknowledgeRule(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) by decision: enterprises will sign in through the government portal, whose own ' +
        'assurance applies; staff enrol TOTP. Required MFA would lock out federated enterprise users.',
    );
    if (!config.threatProtection) {
      acknowledgeRule(
        this.userPool,
        'AwsSolutions-COG8',
        'This stage runs the Essentials feature plan: threat protection (Plus) is off here, for cost in dev or ' +
          'because the plan is not offered in the region. Stage config `identity.threatProtection` turns it on.',
      );
    }
  }
}
