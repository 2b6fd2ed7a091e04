/**
 * The single DynamoDB table, built from its one definition in `lib/resources.ts` (keys, generic GSIs, TTL), so the
 * cloud table and the local one cannot drift.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../resources';

const attribute = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

export interface PermitTableProps {
  readonly definition: TableDefinition;
}

/**
 * On-demand table with point-in-time recovery, deletion protection and retention on stack deletion: it holds the
 * register of issued licences, which must survive any mistake in a deployment.
 *
 * @example
 * const { table } = new PermitTable(this, table.id, { definition: table });
 */
export class PermitTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: PermitTableProps) {
    super(scope, id);
    const def = props.definition;
    this.table = new Table(this, 'Resource', {
      partitionKey: attribute(def.partitionKey),
      sortKey: attribute(def.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: def.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The AWS managed key (aws/dynamodb) rather than the AWS owned default: its use shows up in CloudTrail, and
      // grants need no key policy work.
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of def.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        // Generic overloaded indexes serve access patterns not yet written: project everything.
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
