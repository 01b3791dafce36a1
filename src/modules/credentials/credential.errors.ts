import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '../../common/errors/app-error.js';

export class CredentialNotFoundError extends NotFoundError {
  constructor() {
    super('CREDENTIAL.NOT_FOUND', 'No credential with that id is visible to you.');
  }
}

export class HolderNotFoundError extends UnprocessableError {
  constructor() {
    super(
      'CREDENTIAL.HOLDER_NOT_FOUND',
      'No practitioner on the register matches the holder given.',
    );
  }
}

export class IdempotencyKeyReusedError extends UnprocessableError {
  constructor() {
    super(
      'CREDENTIAL.IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request body.',
    );
  }
}

export class IdempotencyKeyMissingError extends ValidationError {
  constructor() {
    super(
      'CREDENTIAL.IDEMPOTENCY_KEY_REQUIRED',
      'Send an Idempotency-Key header (1-200 characters) so a retried request cannot issue twice.',
      [{ field: 'Idempotency-Key', message: 'header is required' }],
    );
  }
}

export class ReferenceTakenError extends ConflictError {
  constructor() {
    super(
      'CREDENTIAL.REFERENCE_TAKEN',
      'This issuer already issued a credential with that issuerReference.',
    );
  }
}

export class TransitionRefusedError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 409, 'Conflict', detail);
  }
}

export class IssuerSuspendedError extends ForbiddenError {
  constructor() {
    super(
      'ISSUER.SUSPENDED',
      'This certifying body is suspended and cannot issue or change credentials.',
    );
  }
}
