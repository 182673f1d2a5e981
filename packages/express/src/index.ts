export { createExpressServer, expressServerOptions, type ExpressServerClasses } from './create-express-server.js';
export { createInterlinguaRouter } from './create-interlingua-router.js';
