/**
 * What the application use cases need. `composition-applications.ts` wires the real adapters; tests may wire others.
 *
 * @example
 * await fileApplication(applicationDeps(), { body, viewer });
 */
import type {
  ApplicationRepository,
  CalendarRepository,
  DocumentStore,
  InspectionRepository,
} from '../../domain/application-ports';
import type { Catalogue } from '../../domain/catalogue';
import type { Clock } from '../../domain/clock';
import type { CertificatePrintCheck, CertificateRepository } from '../../domain/ports';
import type { IssuanceSettings } from '../issuance-plan';

export interface ApplicationDeps {
  readonly applications: ApplicationRepository;
  readonly inspections: InspectionRepository;
  readonly calendars: CalendarRepository;
  readonly documents: DocumentStore;
  readonly certificates: CertificateRepository;
  readonly catalogue: Catalogue;
  readonly clock: Clock;
  /** Whether a certificate can be drawn, checked at filing without the fonts (the generated font table). */
  readonly printCheck: CertificatePrintCheck;
  /** What issuance prints besides the application's own text. */
  readonly issuing: Pick<IssuanceSettings, 'province' | 'issuingAuthority'>;
}

/** Who acts on an application: the same viewer shape as the certificate routes. */
export type ApplicationViewer =
  | { readonly kind: 'staff'; readonly id: string; readonly role: string }
  | { readonly kind: 'enterprise'; readonly id: string; readonly uscc: string };

/** The viewer as a timeline actor. */
export const actorOf = (viewer: ApplicationViewer): { id: string; role: string } => ({
  id: viewer.id,
  role: viewer.kind === 'staff' ? viewer.role : 'enterprise',
});
