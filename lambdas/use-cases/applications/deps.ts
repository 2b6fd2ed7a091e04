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
