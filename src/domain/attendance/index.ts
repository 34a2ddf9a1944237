export * from './initials.js';
export * from './pickup-code.js';
export * from './projection.js';
export * from './door-time.js';
export * from './figures.js';
