/**
 * cdk-nag (v3) acknowledgments, one rule on one construct with a written reason. cdk-nag 3 reads CDK's
 * `Validations.of(construct).acknowledge()` metadata on the resource and its ancestors, so acknowledging on a stack
 * would silence a rule everywhere below it: {@link acknowledgeRule} refuses stacks, stages and apps.
 */
import { Stack, Stage, Validations } from 'aws-cdk-lib';
// cdk-nag's own renderer of CloudFormation references, so acknowledged ids match its findings exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * @example
 * acknowledgeRule(logBucket, 'AwsSolutions-S1', 'This bucket is the access-log target; logging it would loop.');
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  if (Stack.isStack(scope) || Stage.isStage(scope)) {
    throw new Error(`refusing to acknowledge ${id} on ${scope.node.path || 'the app'}: acknowledge a resource instead`);
  }
  if (reason.trim().length < 20) throw new Error(`acknowledging ${id} needs a written reason`);
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledge `AwsSolutions-IAM5[Resource::…]` for resource ARNs with a wildcard that the caller has scoped itself
 * (the objects of one bucket, the versions of one function). The finding id contains the ARN as cdk-nag renders it,
 * and a cross-stack ARN only becomes its `Fn::ImportValue` once CDK has resolved references, so the ids are computed
 * in a construct validation, which CDK runs after that and before the validation plugins (cdk-nag).
 *
 * @example
 * acknowledgeScopedWildcards(role, [bucket.arnForObjects('*')], 'Objects of the one certificates bucket.');
 */
export function acknowledgeScopedWildcards(policyOwner: IConstruct, arns: readonly string[], reason: string): void {
  policyOwner.node.addValidation({
    validate: () => {
      const stack = Stack.of(policyOwner);
      for (const arn of arns) {
        acknowledgeRule(policyOwner, `AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(arn))}]`, reason);
      }
      return [];
    },
  });
}
