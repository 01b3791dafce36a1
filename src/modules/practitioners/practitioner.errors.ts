import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.js';

export class PractitionerNotFoundError extends NotFoundError {
  constructor() {
    super('PRACTITIONER.NOT_FOUND', 'No practitioner on the register has that number.');
  }
}

export class RegisterNumberCheckDigitError extends AppError {
  constructor(value: string) {
    super(
      'PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT',
      400,
      'Invalid register number',
      `${value} is not a valid register number: its check digit is wrong. Did you mistype the number?`,
      [{ field: 'registerNumber', message: 'check digit is wrong: did you mistype the number?' }],
    );
  }
}

export class RegisterNumberFormatError extends ValidationError {
  constructor() {
    super(
      'PRACTITIONER.REGISTER_NUMBER_FORMAT',
      'A register number is DL followed by 8 digits, e.g. DL12345671.',
      [{ field: 'registerNumber', message: 'must be DL followed by 8 digits' }],
    );
  }
}

export class RegistrationTakenError extends ConflictError {
  constructor(body: string) {
    super(
      'PRACTITIONER.REGISTRATION_TAKEN',
      `That ${body} number is already on another practitioner's profile.`,
    );
  }
}

export class SameStatusError extends ConflictError {
  constructor(status: string) {
    super('PRACTITIONER.STATUS_UNCHANGED', `The practitioner is already ${status}.`);
  }
}
