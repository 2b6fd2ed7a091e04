/**
 * The transparency log's sequencer (SQS-triggered by the log queue): whichever pending entries woke it, it integrates
 * every pending entry in order and publishes a checkpoint (`integrateLog`). A failure fails the whole batch: the
 * messages come back after the visibility timeout, and the relay re-sends any that were lost.
 */
import type { SQSEvent } from 'aws-lambda';
import { sequencerDeps } from '../composition/transparency-log';
import { type IntegrationResult, integrateLog } from '../use-cases/transparency/sequencer';

const deps = sequencerDeps();

export const handler = async (_event: SQSEvent): Promise<IntegrationResult> => integrateLog(deps);
