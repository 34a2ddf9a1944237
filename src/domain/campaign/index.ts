// Public face of the campaign module: the parameter schema, the 2021 template, building and validating.
export * from './build.js';
export * from './deadlines.js';
export * from './schema.js';
export * from './template.js';
