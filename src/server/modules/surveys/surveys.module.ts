import type { ModuleDefinition } from '../module.js';
import { surveyRoutes } from './surveys.routes.js';

/** The needs survey (调研摸底, P-K1): links and QR codes per unit, answers from phones, results and export. */
export const surveysModule: ModuleDefinition = {
  id: 'surveys',
  routes: [surveyRoutes],
};
