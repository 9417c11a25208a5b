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
import { createScopeService } from './features/agencies/agency-scope.js';
import { createSettingsService } from './features/settings/settings.service.js';
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
    calendar: createCalendarService({ db, clock, audit, settings }),
    delegations: createDelegationsService({ db, clock, audit, scope }),
  };
}

export type Services = ReturnType<typeof createServices>;
