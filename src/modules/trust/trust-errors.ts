import { AppError } from '../../common/errors/app-error.js';

/** Our own key material or configuration is unusable: a server fault, never the client's. */
export class TrustKeyError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 500, 'Signing key unavailable', detail);
  }
}

/** A presented credential, token or document failed a cryptographic or structural check. */
export class TrustVerificationError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 422, 'Verification failed', detail);
  }
}

/** The offline document loader was asked for something it does not hold (never fetched). */
export class DocumentNotFoundError extends AppError {
  constructor(url: string) {
    super('TRUST.DOCUMENT_NOT_FOUND', 404, 'Not found', `No offline document for "${url}".`);
  }
}
