import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponse, PublicHealth } from '@vantix/contracts';
import { AdminOnly } from '../auth';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public (load balancers, uptime checks): each database ok or down, and nothing that maps the deployment. */
  @Get()
  @ApiOkResponse({ description: 'ok, degraded or down, and each database (development, production, audit) ok or down' })
  check(): Promise<PublicHealth> {
    return this.health.check();
  }

  /** Admins only: hosts, versions, latencies, error messages, the Production role's privileges and warnings. */
  @Get('details')
  @AdminOnly()
  @ApiOkResponse({ description: 'Reachability, version and latency of the Dev, Prod and audit databases' })
  details(): Promise<HealthResponse> {
    return this.health.details();
  }
}
