/**
 * The transparency log's sequencer, triggered by the log queue and every minute: whichever pending entries woke it (or
 * none, on the schedule), it integrates every pending entry in order and publishes a checkpoint (`integrateLog`),
 * finishing first what a run that died had sequenced. A failure fails the whole batch: the messages come back after
 * the visibility timeout, and the relay re-sends any that were lost.
 */
import { sequencerDeps } from '../composition/transparency-log';
import { type IntegrationResult, integrateLog } from '../use-cases/transparency/sequencer';

const deps = sequencerDeps();

export const handler = async (_event: unknown): Promise<IntegrationResult> => integrateLog(deps);
