/**
 * The `ops-gauges` function (every 5 minutes; EventBridge Scheduler in the cloud, a timer locally): measures the
 * operational gauges (`measureOperations`, `docs/metrics.md`) and publishes them as metrics once. Does not read the
 * event (schedulers deliver different payloads).
 */
import { invocationMetrics } from '../composition/metrics';
import { operationsDeps } from '../composition/operations';
import { logger } from '../shared/logger';
import { measureOperations, type OperationsReadings } from '../use-cases/measure-operations';

const deps = operationsDeps();
const metrics = invocationMetrics();

export const handler = async (): Promise<OperationsReadings> => {
  try {
    const readings = await measureOperations(deps);
    logger.debug('operations measured', { readings });
    return readings;
  } finally {
    metrics.flush();
  }
};
