export type * from './fixture-case.js';
