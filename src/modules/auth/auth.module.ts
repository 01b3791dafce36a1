import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  authConfig,
  databaseConfig,
  type AuthConfig,
  type DatabaseConfig,
} from '../../config/configuration.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AuthenticationGuard } from './guards/authentication.guard.js';
import { RolesGuard } from './guards/roles.guard.js';
import { JWT_SECRET, resolveJwtSecret } from './jwt-secret.js';
import { LoginThrottle } from './login-throttle.js';
import { ApiKeyStrategy } from './strategies/api-key.strategy.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

const jwtSecretProvider = {
  provide: JWT_SECRET,
  inject: [authConfig.KEY, databaseConfig.KEY],
  useFactory: (auth: AuthConfig, db: DatabaseConfig) =>
    resolveJwtSecret(auth.jwtSecret, db.dataDir),
};

@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiKey]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [JWT_SECRET],
      extraProviders: [jwtSecretProvider],
      useFactory: (secret: string) => ({ secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    jwtSecretProvider,
    AuthService,
    LoginThrottle,
    UsersService,
    UsersRepository,
    ApiKeysService,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersService, ApiKeysService],
})
export class AuthModule {}
