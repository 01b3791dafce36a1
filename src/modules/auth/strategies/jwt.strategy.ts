import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig, type AuthConfig } from '../../../config/configuration.js';
import { JWT_SECRET } from '../jwt-secret.js';
import type { Principal } from '../principal.js';
import { UsersRepository } from '../users.repository.js';

export interface TokenPayload {
  sub: string;
  role: string;
  ver: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_SECRET) secret: string,
    @Inject(authConfig.KEY) config: AuthConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret,
      // Pinned: a token signed with any other algorithm, or `none`, is refused.
      algorithms: ['HS256'],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<Principal | false> {
    const user = await this.users.findById(payload.sub);
    if (!user || user.tokenVersion !== payload.ver) return false;
    return {
      kind: 'user',
      id: user.id,
      role: user.role,
      practitionerId: user.practitionerId,
      issuerId: user.issuerId,
      organisationId: user.organisationId,
    };
  }
}
