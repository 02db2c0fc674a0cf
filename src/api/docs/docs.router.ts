import express, { Router } from 'express';
import helmet from 'helmet';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>coldlink API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true, persistAuthorization: false });`;

/** The interactive API page: Swagger UI served from the installed package (no CDN), reading /openapi.json. */
export function createDocsRouter(): Router {
  const router = Router();
  // Swagger UI sets inline styles; everything else stays same-origin.
  router.use(helmet.contentSecurityPolicy({ directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } }));
  router.get('/', (_req, res) => { res.type('html').send(PAGE); });
  router.get('/init.js', (_req, res) => { res.type('application/javascript').send(INIT); });
  router.use('/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1h' }));
  return router;
}
