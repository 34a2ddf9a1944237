import type { ModuleDefinition } from '../module.js';
import {
  agreementPdfRoutes,
  ENROLMENT_OWNER,
  enrolmentFileRoutes,
  enrolmentVisible,
  rosterRoutes,
} from './enrolments.documents.js';
import { drawLotteriesJob, expireOffersJob } from './enrolments.jobs.js';
import { enrolmentRoutes } from './enrolments.routes.js';

/** Applications, places, the lottery and waiting list, paperwork (agreement, insurance, fee) and the roster. */
export const enrolmentsModule: ModuleDefinition = {
  id: 'enrolments',
  routes: [enrolmentRoutes, enrolmentFileRoutes, agreementPdfRoutes, rosterRoutes],
  fileOwners: [{ type: ENROLMENT_OWNER, canRead: enrolmentVisible }],
  jobs: [expireOffersJob, drawLotteriesJob],
};
