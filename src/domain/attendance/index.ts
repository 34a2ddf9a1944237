export * from './initials.js';
export * from './pickup-code.js';
export * from './projection.js';
