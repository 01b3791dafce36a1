import { NotFoundError, ValidationError } from '../../common/errors/app-error.js';

export class RegisterEntryNotFoundError extends NotFoundError {
  constructor() {
    super('REGISTER.NOT_FOUND', 'No entry on the register has that number.');
  }
}

export class NotOnRegisterYetError extends NotFoundError {
  constructor(at: string) {
    super('REGISTER.NOT_FOUND', `No entry on the register had that number on ${at}.`);
  }
}

export class InvalidAtDateError extends ValidationError {
  constructor(message: string) {
    super('REGISTER.AT_INVALID', `at ${message}.`, [{ field: 'at', message }]);
  }
}

export class StandingNeedsRoleError extends ValidationError {
  constructor() {
    super('REGISTER.STANDING_NEEDS_ROLE', 'A standing filter needs a role: standing is per role.', [
      { field: 'standing', message: 'give role as well' },
    ]);
  }
}

export class UnknownRoleError extends ValidationError {
  constructor(code: string) {
    super('REGISTER.UNKNOWN_ROLE', `There is no role with code ${code}.`, [
      { field: 'role', message: 'unknown role' },
    ]);
  }
}

export class InvalidCursorError extends ValidationError {
  constructor() {
    super('REGISTER.CURSOR_INVALID', 'cursor is not one this register gave out.', [
      { field: 'cursor', message: 'use the `next` value of a previous page as it is' },
    ]);
  }
}
