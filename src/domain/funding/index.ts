// Funding (经费, P-R7/P-R8): the vocabularies, exact money, and the ledger's figures and refusals. Pure, no I/O.
export * from './labels.js';
export * from './ledger.js';
export * from './money.js';
export * from './subsidy.js';
