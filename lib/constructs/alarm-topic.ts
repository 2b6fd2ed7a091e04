/**
 * The SNS topic operational alarms notify, encrypted with its own key and TLS-only.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Address subscribed to the topic (it must confirm the subscription); none when absent. */
  readonly email?: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A customer managed key rather than `alias/aws/sns`: CloudWatch alarms can only publish to an encrypted topic whose
 * key policy lets `cloudwatch.amazonaws.com` use the key, and an AWS managed key's policy cannot be changed.
 *
 * @example
 * alarm.addAlarmAction(new SnsAction(new AlarmTopic(this, 'Alarms', { removalPolicy }).topic));
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the Permit operational alarm topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: props.removalPolicy,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Permit alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.applyRemovalPolicy(props.removalPolicy);
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
