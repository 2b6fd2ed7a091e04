import type { Catalogue } from '../../domain/catalogue';
import type { ApplicationRepository } from '../../ports/application-repository';
import type { CalendarRepository } from '../../ports/calendar-repository';
import type { CertificatePrintCheck } from '../../ports/certificate-renderer';
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { InspectionRepository } from '../../ports/inspection-repository';
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
