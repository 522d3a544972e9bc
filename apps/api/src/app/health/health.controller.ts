import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponse, PublicHealth } from '@vantix/contracts';
import type { Response } from 'express';
import { AdminOnly } from '../auth';
import { HealthService } from './health.service';

/**
 * 503 unless every database answers: the token check reads Development's
 * users, every action is audited first, and comparisons and syncs need
 * Production — an instance missing any of them cannot do its job, so load
 * balancers and uptime checks that read only the status code take it out.
 * The body still says which database is down.
 */
function statusCode(health: { status: PublicHealth['status'] }): number {
  return health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public (load balancers, uptime checks): each database ok or down, and nothing that maps the deployment. */
  @Get()
  @ApiOkResponse({ description: 'ok: development, production and audit databases all answer' })
  @ApiServiceUnavailableResponse({ description: 'degraded or down: the same body, naming each database ok or down' })
  async check(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const health = await this.health.check();
    response.status(statusCode(health));
    return health;
  }

  /** Admins only: hosts, versions, latencies, error messages, the Production role's privileges and warnings. Always 200: a report, not a probe. */
  @Get('details')
  @AdminOnly()
  @ApiOkResponse({ description: 'Reachability, version and latency of the Dev, Prod and audit databases' })
  details(): Promise<HealthResponse> {
    return this.health.details();
  }
}
