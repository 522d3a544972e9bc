import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminGuard } from './admin.guard';
import { JwtAuthGuard } from './jwt-auth.guard';

/**
 * On a controller or route: a valid access token (401 otherwise) of a user
 * whose current role is admin (403 otherwise). Both refusals are audited.
 */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, AdminGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'No access token, or one that is malformed, forged, expired or of a deleted user',
    }),
    ApiForbiddenResponse({ description: 'The user is not an administrator' }),
  );
}

/** On a route any logged-in user may call (e.g. "who am I"): a valid access token, any role. */
export function Authenticated(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'No access token, or one that is malformed, forged, expired or of a deleted user',
    }),
  );
}
