// Public face of the rules engine: the rule set, evaluateClass, the attendance rate and the
// check-class input format.
export { attendanceRate, computeAttendance, presentDaysNeeded } from './attendance.js';
export type { AttendanceComputation, AttendanceFigures } from './attendance.js';
export { evaluateClass, evaluateRule, getRule, RULES, rulesInForce } from './evaluate.js';
export type { ClassEvaluation } from './evaluate.js';
export { checkClassInputSchema, classInputSchema, parseCheckClassInput } from './input.js';
export type { CheckClassInput, ParsedCheckClass, ParseResult } from './input.js';
export { DOCUMENT_NAMES, requiredDocuments } from './management.js';
export * from './types.js';
