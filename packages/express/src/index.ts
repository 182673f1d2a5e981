export { createInterlinguaRouter } from './create-interlingua-router.js';
