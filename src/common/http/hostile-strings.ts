import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors/app-error.js';

/** NUL, or a UTF-16 surrogate without its partner: PostgreSQL cannot store either in text. */
const HOSTILE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any of our request bodies: deeper input is refused before a validator recurses. */
export const MAX_INPUT_DEPTH = 32;

/**
 * More values than any request body here holds (bulk files are streamed, not parsed here): a 900 kB
 * array of 300,000 empty objects kept the validator busy for 9 s and drew a 21 MB answer.
 */
export const MAX_INPUT_VALUES = 10_000;

export type InputFinding = { field: string; problem: 'characters' | 'depth' | 'size' };

/**
 * The first string (value or key) that PostgreSQL would refuse, nesting past MAX_INPUT_DEPTH, or
 * more than MAX_INPUT_VALUES values.
 */
export function findHostileInput(value: unknown, root: string): InputFinding | undefined {
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  let values = 0;
  while (stack.length > 0) {
    if (++values > MAX_INPUT_VALUES) return { field: root, problem: 'size' };
    const [current, field, depth] = stack.pop() as [unknown, string, number];
    if (typeof current === 'string') {
      if (HOSTILE.test(current)) return { field, problem: 'characters' };
      continue;
    }
    if (typeof current !== 'object' || current === null || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field, problem: 'depth' };
    if (typeof (current as { pipe?: unknown }).pipe === 'function') continue;
    for (const [key, child] of Object.entries(current)) {
      const childField = field ? `${field}.${key}` : key;
      if (HOSTILE.test(key)) return { field: childField, problem: 'characters' };
      stack.push([child, childField, depth + 1]);
    }
  }
  return undefined;
}

const FINDINGS: Record<InputFinding['problem'], { message: string; code: string }> = {
  characters: {
    message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
    code: 'REQUEST.INVALID_CHARACTERS',
  },
  depth: {
    message: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep`,
    code: 'REQUEST.TOO_DEEP',
  },
  size: {
    message: `must not hold more than ${MAX_INPUT_VALUES} values`,
    code: 'REQUEST.TOO_MANY_VALUES',
  },
};

export class HostileInputError extends AppError {
  constructor(finding: InputFinding) {
    const { message, code } = FINDINGS[finding.problem];
    const errors: FieldError[] = [{ field: finding.field, message }];
    super(code, 400, 'Invalid request', `${finding.field || 'The request'} ${message}.`, errors);
  }
}

function inspect(request: FastifyRequest): InputFinding | undefined {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, unknown> }).cookies;
  return (
    findHostileInput(request.params, '') ??
    findHostileInput(request.query, '') ??
    findHostileInput(request.body, '') ??
    findHostileInput(cookies, 'cookie')
  );
}

/**
 * One check for every route, before validation and before any handler: strings from the path,
 * query, body, form and cookies that hold NUL or lone surrogates are a 400 naming the field.
 * Headers need no check here: Node's HTTP parser refuses NUL in them, and they are Latin-1.
 */
export function registerHostileInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const finding = inspect(request);
    done(finding ? new HostileInputError(finding) : undefined);
  });
}
