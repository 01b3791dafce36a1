import { AppError, ConflictError, NotFoundError } from '../../common/errors/app-error.js';

export class ClaimNotFoundError extends NotFoundError {
  constructor() {
    super('CLAIM.NOT_FOUND', 'No claim with that id is visible to you.');
  }
}

export class ClaimNotPendingError extends ConflictError {
  constructor(status: string) {
    super('CLAIM.NOT_PENDING', `The claim is ${status}; only a pending claim can change.`);
  }
}

export class ClaimNotCorrectableError extends ConflictError {
  constructor(status: string) {
    super(
      'CLAIM.NOT_CORRECTABLE',
      `The claim is ${status}; only a pending claim can be corrected, or a rejected one resubmitted.`,
    );
  }
}

export class ClaimAlreadyResubmittedError extends ConflictError {
  constructor() {
    super(
      'CLAIM.ALREADY_RESUBMITTED',
      'This rejected claim was already resubmitted: correct the new claim instead.',
    );
  }
}

export class EvidenceNotFoundError extends NotFoundError {
  constructor() {
    super('EVIDENCE.NOT_FOUND', 'No evidence with that id is visible to you.');
  }
}

export class EvidenceRejectedError extends AppError {
  constructor(code: string, status: number, detail: string) {
    super(code, status, status === 413 ? 'Payload too large' : 'Unsupported media type', detail, [
      { field: 'file', message: detail },
    ]);
  }
}
