import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.js';

export class ReceiptNotFoundError extends NotFoundError {
  constructor() {
    super('VERIFICATION.NOT_FOUND', 'No verification receipt has that reference.');
  }
}

/** Every way a redemption can fail looks the same, so a code or a birth date cannot be probed. */
export class ShareCodeNotRedeemableError extends NotFoundError {
  constructor() {
    super('SHARE_CODE.NOT_FOUND', 'That share code and date of birth do not open a record.');
  }
}

export class ShareCodeNotFoundError extends NotFoundError {
  constructor() {
    super('SHARE_CODE.NOT_FOUND', 'You have no share code like that.');
  }
}

export class WatchListNotFoundError extends NotFoundError {
  constructor() {
    super('WATCH_LIST.NOT_FOUND', 'No watch list with that id belongs to your organisation.');
  }
}

export class WatchNotAllowedError extends AppError {
  constructor(detail: string) {
    super('WATCH_LIST.NOT_ALLOWED', 403, 'Forbidden', detail);
  }
}

export class WebhookUrlError extends ValidationError {
  constructor(message: string) {
    super('WATCH_LIST.WEBHOOK_URL', `webhookUrl ${message}.`, [{ field: 'webhookUrl', message }]);
  }
}

export class AlreadyWatchingError extends ConflictError {
  constructor() {
    super('WATCH_LIST.ALREADY_WATCHING', 'Your organisation already watches this practitioner.');
  }
}
