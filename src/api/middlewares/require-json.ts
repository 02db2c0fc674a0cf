import type { RequestHandler } from 'express';
import { HttpProblem } from '../problem';

/** Writes must say they are JSON; anything else is 415 rather than an empty body silently parsed as {}. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    next(new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'the request body must be application/json',
      [{ pointer: '/', detail: `content type '${req.headers['content-type'] ?? '(none)'}' is not application/json` }]));
    return;
  }
  next();
};
