import type { ModuleDefinition } from '../module.js';
import { calendarRoutes } from './calendar.routes.js';

/** The national calendar (holidays and 调休 make-up workdays) the city enters per year. */
export const calendarModule: ModuleDefinition = { id: 'calendar', routes: [calendarRoutes] };
