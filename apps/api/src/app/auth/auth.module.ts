import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AUDIT_DATABASE, AuditDatabase, RevokedTokens } from '@vantix/audit';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AdminGuard } from './admin.guard';
import { AuthEvents } from './auth-events';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtStrategy } from './jwt.strategy';
import { LoginThrottleGuard, loginThrottlerOptions } from './login-throttle';
import { ProductionAuthority } from './production-authority';
import { ProductionUsersRepository } from './production-users.repository';
import { UsersRepository } from './users.repository';

/**
 * Login, tokens and the guards. Global, so `@AdminOnly()` works on any
 * controller: the guards' dependencies resolve from every module. Needs the
 * global `AuditLog` provider (AuditModule).
 */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => ({
        secret: runtime.jwtSecret,
        signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [RUNTIME],
      useFactory: loginThrottlerOptions,
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthEvents,
    UsersRepository,
    ProductionUsersRepository,
    ProductionAuthority,
    JwtStrategy,
    JwtAuthGuard,
    AdminGuard,
    LoginThrottleGuard,
    { provide: RevokedTokens, inject: [AUDIT_DATABASE], useFactory: (db: AuditDatabase) => new RevokedTokens(db) },
  ],
  exports: [AuthEvents, UsersRepository, JwtAuthGuard, AdminGuard, ProductionAuthority],
})
export class AuthModule {}
