/**
 * What the supervision use cases (双随机、一公开) need: the plans and the inspectors' registry, the licence register the
 * enterprises are drawn from, the inspections a draw schedules, and the clock.
 *
 * @example
 * await freezePlan(supervisionDeps(), { planId, actor });
 */
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { Clock } from '../../ports/clock';
import type { InspectionRepository } from '../../ports/inspection-repository';
import type { InspectorRegistry } from '../../ports/inspector-registry';
import type { PlanRepository } from '../../ports/plan-repository';

export interface SupervisionDeps {
  readonly plans: PlanRepository;
  readonly inspectors: InspectorRegistry;
  readonly certificates: CertificateRepository;
  readonly inspections: InspectionRepository;
  readonly clock: Clock;
}

/** Who acts: a staff member's id and role (every step goes into the plan's or the inspector's history). */
export interface Actor {
  readonly id: string;
  readonly role: string;
}
