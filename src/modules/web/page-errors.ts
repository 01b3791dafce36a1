import { AppError } from '../../common/errors/app-error.js';

/** A signed-in page asked for without a (valid) session: the filter sends the visitor to sign in. */
export class SignInRequiredError extends AppError {
  constructor(readonly returnTo: string) {
    super('WEB.SIGN_IN_REQUIRED', 401, 'Sign in', 'You need to sign in to see this page.');
  }
}

export class PageNotFoundError extends AppError {
  constructor(detail = 'If you typed the web address, check it is correct.') {
    super('WEB.PAGE_NOT_FOUND', 404, 'Page not found', detail);
  }
}

export class PageForbiddenError extends AppError {
  constructor(detail = 'Your account cannot use this page.') {
    super('WEB.FORBIDDEN', 403, 'You cannot use this page', detail);
  }
}

export class FormExpiredError extends AppError {
  constructor() {
    super(
      'WEB.FORM_EXPIRED',
      403,
      'The form has expired',
      'For your security, the form could not be sent. Go back, reload the page and try again.',
    );
  }
}
