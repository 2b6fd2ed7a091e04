/**
 * Wiring of the `ops-gauges` function: the repositories whose indexes the gauges read (inspections, dispatches, the
 * log's pending entries), every dead-letter queue's depth, the clock and the process's metrics. Nothing that
 * signs, renders or calls the carrier is reachable from here.
 *
 * @example
 * await measureOperations(operationsDeps());
 */
import { DynamoDispatchRepository } from '../adapters/dynamo/dispatch-repository';
import { DynamoInspectionRepository } from '../adapters/dynamo/inspection-repository';
import { DynamoLogStore } from '../adapters/dynamo/log-store';
import { SqsDeadLetterDepths } from '../adapters/sqs/dead-letter-depths';
import { dynamoClient, sqsClient } from '../shared/clients';
import { config, readDeadLetterQueueUrls } from '../shared/config';
import type { MeasureOperationsDeps } from '../use-cases/measure-operations';
import { clock } from './clock';
import { invocationMetrics } from './metrics';

/**
 * Deps of {@link MeasureOperationsDeps}; `parts` replace any of them (tests).
 *
 * @example
 * await measureOperations(operationsDeps({ metrics: recorder }));
 */
export const operationsDeps = (parts: Partial<MeasureOperationsDeps> = {}): MeasureOperationsDeps => {
  const table = config().tableName;
  return {
    inspections: new DynamoInspectionRepository(dynamoClient(), table),
    dispatches: new DynamoDispatchRepository(dynamoClient(), table),
    log: new DynamoLogStore(dynamoClient(), table),
    deadLetters: new SqsDeadLetterDepths(sqsClient(), readDeadLetterQueueUrls(process.env)),
    clock,
    metrics: invocationMetrics(),
    ...parts,
  };
};
