import { AppError, ConflictError } from '../../common/errors/app-error.js';

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(
      'AUTH.INVALID_CREDENTIALS',
      401,
      'Unauthenticated',
      'The email or password is not right.',
    );
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('AUTH.EMAIL_TAKEN', 'An account with this email already exists.');
  }
}
