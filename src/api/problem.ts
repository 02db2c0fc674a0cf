/** RFC 9457 problem details: the one error shape every client sees. */
/** A field at fault: `pointer` (RFC 6901) into the JSON body, or `parameter` for a path or query parameter. */
export interface FieldError { pointer?: string; parameter?: string; detail: string }

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  instance?: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `https://coldlink.dev/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

export function validationProblem(errors: FieldError[]): HttpProblem {
  const detail = errors.length === 1 ? '1 field is invalid' : `${errors.length} fields are invalid`;
  return new HttpProblem(422, 'validation', 'Invalid request', detail, errors);
}

export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'not-found', 'Not found', `${what} was not found`);
}

/** JSON Pointer (RFC 6901) of a zod issue path. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function forbidden(detail: string): HttpProblem {
  return new HttpProblem(403, 'forbidden', 'Forbidden', detail);
}

export function conflict(detail: string): HttpProblem {
  return new HttpProblem(409, 'conflict', 'Conflict', detail);
}
