import os from 'node:os';
import type { AppDeps } from './app.js';
import { createDelegationsService } from './features/delegations/delegations.service.js';
import { createAgenciesService } from './features/agencies/agencies.service.js';
import { createAgenciesTransferService } from './features/agencies/agencies-transfer.service.js';
import { createAuditService } from './features/audit/audit.service.js';
import { createAuthService } from './features/auth/auth.service.js';
import { createCalendarService } from './features/calendar/calendar.service.js';
import { createCatalogueService } from './features/catalogue/catalogue.service.js';
import { createCatalogueTransferService } from './features/catalogue/catalogue-transfer.service.js';
import { createFilesService } from './features/files/files.service.js';
import { createInformationSystemsService } from './features/information-systems/information-systems.service.js';
import { createNotificationsService } from './features/notifications/notifications.service.js';
import { createScopeService } from './features/agencies/agency-scope.js';
import { createSettingsService } from './features/settings/settings.service.js';
import { createAcceptanceSettingsService } from './features/acceptance-settings/acceptance-settings.service.js';
import { createCouncilsService } from './features/councils/councils.service.js';
import { createIntegrityService } from './features/integrity/integrity.service.js';
import { createDispositionService } from './features/disposition/disposition.service.js';
import { createArchivalTransferService } from './features/archival-transfer/archival-transfer.service.js';
import { createDocumentSignatures } from './features/records/document-signatures.js';
import { createScanIngest } from './features/records/scan-ingest.js';
import { createSearchService } from './features/search/search.service.js';
import { createTrustAnchorsService } from './features/signatures/trust-anchors.service.js';
import { createRecordClosing } from './features/records/record-closing.js';
import { createRecordsService } from './features/records/records.service.js';
import { createDossierAccess } from './features/dossiers/dossier-access.js';
import { createDossierDeadlines } from './features/dossiers/dossier-deadlines.js';
import { createDossierWorkflowService } from './features/dossiers/dossier-workflow.service.js';
import { createDossiersService } from './features/dossiers/dossiers.service.js';
import { createDossiersExport } from './features/dossiers/dossiers-export.js';
import { createMyWorkService } from './features/dossiers/my-work.service.js';
import { createOverviewService } from './features/dossiers/overview.service.js';
import { createNumberingService } from './features/numbering/numbering.service.js';
import { createOrdersService } from './features/orders/orders.service.js';
import { createOrdersExport } from './features/orders/orders-export.js';
import { createPaymentsService } from './features/payments/payments.service.js';
import { createTasksService } from './features/tasks/tasks.service.js';
import { createUsersService } from './features/users/users.service.js';

/** Every service, created once with explicit dependencies; routes, CLI and worker all use this. */
export function createServices(deps: AppDeps) {
  const { config, clock, storage } = deps;
  const db = deps.database.db;
  const tasks = createTasksService({ db, clock });
  const audit = createAuditService({ db, clock, tasks });
  const scope = createScopeService({ db });
  const settings = createSettingsService({ db, clock, config });
  const files = createFilesService({ db, clock, audit, scope, storage, config });
  const agencies = createAgenciesService({ db, clock, audit, scope, tasks });
  const catalogue = createCatalogueService({ db, clock, audit });
  // Before the workflow services, which call notifications.notify inside their transactions.
  const notifications = createNotificationsService({ db, clock, config });
  const calendar = createCalendarService({ db, clock, audit, settings });
  const delegations = createDelegationsService({ db, clock, audit, scope });
  const numbering = createNumberingService();
  const payments = createPaymentsService({ db, clock, audit });
  const orders = createOrdersService({ db, clock, audit, scope, catalogue, numbering, delegations, payments });
  const access = createDossierAccess({ db, scope, delegations });
  const acceptanceSettings = createAcceptanceSettingsService({ db, audit, settings });
  const deadlines = createDossierDeadlines({ calendar, acceptanceSettings });
  const dossiers = createDossiersService({ db, clock, audit, acceptanceSettings, access, deadlines, orders, payments, publicBaseUrl: config.publicBaseUrl, scopeReach: scope.reachOf });
  const trustAnchors = createTrustAnchorsService({ db, clock, audit });
  const records = createRecordsService({ db, clock, audit, scope, storage });
  const recordClosing = createRecordClosing({ clock, audit, files, trustAnchors });
  const councils = createCouncilsService({ db, clock, audit, notifications, orders, scopeReach: scope.reachOf });
  const dossierWorkflow = createDossierWorkflowService({
    db, clock, audit, dossiers, orders, payments, numbering, deadlines, notifications, files, councils, recordClosing,
    config: { pdfFontDir: config.pdfFontDir, publicBaseUrl: config.publicBaseUrl, provinceName: config.provinceName },
  });
  return {
    config,
    audit,
    scope,
    settings,
    tasks,
    auth: createAuthService({ db, clock, audit, config }),
    agencies,
    users: createUsersService({ db, clock, audit, scope }),
    files,
    agenciesTransfer: createAgenciesTransferService({ db, clock, audit, tasks, files, storage, agencies }),
    informationSystems: createInformationSystemsService({ db, clock, audit, scope }),
    catalogue,
    catalogueTransfer: createCatalogueTransferService({ db, clock, audit, tasks, files, storage, catalogue }),
    calendar,
    delegations,
    numbering,
    payments,
    orders,
    ordersExport: createOrdersExport({ db, clock, audit, orders }),
    acceptanceSettings,
    dossiers,
    dossiersExport: createDossiersExport({ db, clock, audit, deadlines, dossiers }),
    dossierWorkflow,
    councils,
    trustAnchors,
    search: createSearchService({ db, clock, scope, audit }),
    documentSignatures: createDocumentSignatures({ db, clock, audit, files, records, trustAnchors }),
    scanIngest: createScanIngest({ db, clock, audit, files, tasks, records, ocrJobs: Math.max(1, os.availableParallelism()) }),
    records,
    integrity: createIntegrityService({ db, clock, audit, storage, tasks }),
    disposition: createDispositionService({ db, clock, audit, scope, files, numbering, storage, config }),
    archivalTransfer: createArchivalTransferService({ db, clock, audit, tasks, scope, storage, config }),
    myWork: createMyWorkService({ db, clock, scope, access, deadlines, dossiers }),
    overview: createOverviewService({ db, clock, access, deadlines }),
    notifications,
  };
}

export type Services = ReturnType<typeof createServices>;
