import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem } from '../problem';

function send(res: Parameters<RequestHandler>[1], problem: HttpProblem, instance: string): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toBody(instance)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, new HttpProblem(404, 'not-found', 'Not found', `no route for ${req.method} ${req.path}`), req.originalUrl);
};

/** Maps every error to problem+json; internal errors are logged, never echoed (no stack traces to clients). */
export function errorHandler(log: { error: (obj: unknown, msg: string) => void }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpProblem) return send(res, error, req.originalUrl);
    const e = error as { type?: string; status?: number; statusCode?: number; limit?: number };
    // body-parser's own errors: malformed JSON, body over the limit, unsupported charset.
    if (e.type === 'entity.parse.failed') {
      return send(res, new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'the request body is not valid JSON',
        [{ pointer: '/', detail: 'body is not valid JSON' }]), req.originalUrl);
    }
    if (e.type === 'entity.too.large') {
      return send(res, new HttpProblem(413, 'body-too-large', 'Request body too large',
        `the request body exceeds the limit of ${e.limit} bytes`, [{ pointer: '/', detail: `body exceeds ${e.limit} bytes` }]), req.originalUrl);
    }
    const status = e.status ?? e.statusCode;
    if (status && status >= 400 && status < 500) {
      return send(res, new HttpProblem(status, 'bad-request', 'Bad request', 'the request could not be read'), req.originalUrl);
    }
    log.error({ err: error }, 'unhandled error');
    return send(res, new HttpProblem(500, 'internal', 'Internal error', 'an internal error occurred; it has been logged'), req.originalUrl);
  };
}
