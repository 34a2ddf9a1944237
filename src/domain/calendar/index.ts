// Public face of the calendar module: ISO dates and official working days.
export * from './dates.js';
export * from './workdays.js';
export * from './official.js';
