export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the client can act on. The global filter renders it as RFC 9457 problem+json;
 * `code` is stable so integrators can branch on it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 404, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 409, 'Conflict', detail);
  }
}

export class ValidationError extends AppError {
  constructor(code: string, detail: string, errors?: FieldError[]) {
    super(code, 400, 'Invalid request', detail, errors);
  }
}

export class UnprocessableError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 422, 'Unprocessable request', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 403, 'Forbidden', detail);
  }
}
