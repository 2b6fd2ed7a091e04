/**
 * The stage's list-cursor key set: an SSM `SecureString` parameter created by a custom resource whose provider
 * function generates the secret (`lambdas/handlers/cursor-keys-resource.ts`). CloudFormation cannot create a
 * `SecureString` itself, and the secret must never be in the template: the template carries only the parameter's
 * name. The provider may put (and, where the stage destroys on removal, delete) exactly this parameter.
 *
 * @example
 * const keys = new CursorKeysParameter(this, 'CursorKeys', { parameterName: '/permit/dev/cursor-keys', stage });
 * keys.parameterName; // for the functions' environment
 */
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../lambdas/functions';
import type { StageConfig } from '../stage-config';
import { SERVICE_NAME } from './function-environment';
import { PermitFunction } from './permit-function';

/** The provider function (not in the function registry: CloudFormation invokes it, no route or queue does). */
export const CURSOR_KEYS_PROVIDER: FunctionDefinition = {
  name: 'cursor-keys-provider',
  entry: 'lambdas/handlers/cursor-keys-resource.ts',
  description: 'Custom resource: creates the SSM SecureString that seals list cursors (secret generated here)',
  grants: {},
  memoryMb: 256,
  timeoutSeconds: 30,
};

export interface CursorKeysParameterProps {
  /** The SSM parameter name, starting with `/`. */
  readonly parameterName: string;
  readonly stage: StageConfig;
}

export class CursorKeysParameter extends Construct {
  readonly parameterName: string;
  /** ARN of the parameter (partition, region and account from the stack). */
  readonly parameterArn: string;
  readonly provider: PermitFunction;

  constructor(scope: Construct, id: string, props: CursorKeysParameterProps) {
    super(scope, id);
    const { stage } = props;
    this.parameterName = props.parameterName;
    this.parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: props.parameterName.replace(/^\//, ''),
    });
    const deleteOnRemoval = stage.removalPolicy === RemovalPolicy.DESTROY;
    this.provider = new PermitFunction(this, 'Provider', {
      definition: CURSOR_KEYS_PROVIDER,
      environment: { POWERTOOLS_SERVICE_NAME: SERVICE_NAME, LOG_LEVEL: stage.logLevel.application },
      logRetention: stage.logRetention,
      logRemovalPolicy: stage.removalPolicy,
      logLevel: stage.logLevel,
    });
    this.provider.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ssm:PutParameter', ...(deleteOnRemoval ? ['ssm:DeleteParameter'] : [])],
        resources: [this.parameterArn],
      }),
    );
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.function.functionArn,
      resourceType: 'Custom::PermitCursorKeys',
      properties: { ParameterName: props.parameterName, DeleteOnRemoval: String(deleteOnRemoval) },
      // A provider that fails to answer would otherwise hold the stack for an hour.
      serviceTimeout: Duration.minutes(5),
    });
    // Invoked only once the role may write the parameter.
    resource.node.addDependency(this.provider.role);
  }
}
