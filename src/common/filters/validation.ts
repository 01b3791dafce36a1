import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { type FieldError, ValidationError } from '../errors/app-error.js';

function flatten(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** Enough to fix a request by; a body with thousands of bad fields must not draw a huge answer. */
const MAX_LISTED = 50;

/** Unknown fields are refused (no mass assignment); each field's problem is listed, up to a bound. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const all = flatten(errors);
      const list = all.slice(0, MAX_LISTED);
      const more = all.length > list.length ? ` and ${all.length - list.length} more` : '';
      return new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        `The request has ${all.length} invalid field${all.length === 1 ? '' : 's'}: ${list.map((e) => e.field).join(', ')}${more}.`,
        list,
      );
    },
  });
}
