import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { ApiKeysService } from '../api-keys.service.js';
import type { Principal } from '../principal.js';

export const API_KEY_HEADER = 'x-api-key';

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const header = request.headers[API_KEY_HEADER];
    if (typeof header !== 'string' || header.length === 0) return false;
    return (await this.apiKeys.authenticate(header)) ?? false;
  }
}
