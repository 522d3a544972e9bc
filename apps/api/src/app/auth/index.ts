export { AdminOnly, Authenticated } from './admin-only.decorator';
export { AdminGuard, ADMIN_ROLE } from './admin.guard';
export { AuthModule } from './auth.module';
export { JwtAuthGuard } from './jwt-auth.guard';
export { ProductionAuthority } from './production-authority';
