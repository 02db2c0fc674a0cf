import type { RequestHandler } from 'express';
import type { Db } from '../../db/connection';
import { findActiveApiKey } from '../../db/api-key.repository';
import type { Principal, Role } from '../http/route-definition';
import { HttpProblem } from '../problem';

declare module 'express-serve-static-core' {
  interface Request { principal?: Principal }
}

/**
 * `Authorization: Bearer <key>` for programs; `Basic` with the key as password for a browser (the queue
 * dashboard); `X-API-Key` for tools that cannot set Authorization.
 */
function keyFrom(authorization: string | undefined, apiKeyHeader: string | string[] | undefined): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return typeof apiKeyHeader === 'string' ? apiKeyHeader : undefined;
}

function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', 'Unauthorized', detail);
}

/** Reads `Authorization: Bearer <key>` (or `X-API-Key`), resolves the key's role and scope. */
export function authenticate(db: Db): RequestHandler {
  return async (req, res, next) => {
    const key = keyFrom(req.headers.authorization, req.headers['x-api-key']);
    if (!key) {
      res.setHeader('WWW-Authenticate', req.baseUrl.startsWith('/admin') ? 'Basic realm="coldlink"' : 'Bearer');
      return next(unauthorized('an API key is required: Authorization: Bearer <key>'));
    }
    if (key.length > 200) return next(unauthorized('the API key is not valid'));
    const found = await findActiveApiKey(db, key);
    if (!found) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(unauthorized('the API key is not valid or has been revoked'));
    }
    req.principal = { keyId: found.id, role: found.role, scopeId: found.scope_id };
    next();
  };
}

export function requireRole(roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal) return next(unauthorized('an API key is required'));
    if (!roles.includes(principal.role)) {
      return next(new HttpProblem(403, 'forbidden', 'Forbidden', `a ${principal.role} key may not call this operation`));
    }
    next();
  };
}
