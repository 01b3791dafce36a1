import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'registerNumber' }) field: string;
  @ApiProperty({ example: 'registerNumber must be a string' }) message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDto {
  @ApiProperty({ example: '/problems/credential-already-revoked' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'The credential is already revoked.' }) detail: string;
  @ApiProperty({
    example: 'CREDENTIAL.ALREADY_REVOKED',
    description: 'Stable, for programs to branch on',
  })
  code: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'Also in the x-correlation-id header' })
  correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (each invalid field is listed in `errors`)',
  401: 'Not signed in, or the token or API key is not valid',
  403: 'Signed in, but this account may not do this',
  404: 'Not found (also answered for objects that belong to someone else)',
  409: 'The change conflicts with the current state',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Understood, but cannot be processed (e.g. an Idempotency-Key reused with another body)',
  429: 'Too many requests; see Retry-After',
};

export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      }),
    ),
  );
