export * from './translation-contract.js';
