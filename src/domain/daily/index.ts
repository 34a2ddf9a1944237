export * from './requirements.js';
export * from './samples.js';
export * from './timetable.js';
