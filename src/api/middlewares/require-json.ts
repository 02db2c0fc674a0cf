import type { RequestHandler } from 'express';
import { HttpProblem } from '../problem';

/** Writes must say they are JSON; anything else is 415 rather than an empty body silently parsed as {}. */
export const requireJson: RequestHandler = (req, _res, next) => {
  // req.is() is null when there is no body at all (a bodiless POST such as cancel), false for another type.
  const empty = req.headers['content-length'] === '0';
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !empty && req.is('application/json') === false) {
    next(new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'the request body must be application/json',
      [{ pointer: '/', detail: `content type '${req.headers['content-type'] ?? '(none)'}' is not application/json` }]));
    return;
  }
  next();
};
