import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponse } from '@vantix/contracts';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: each database's reachability, server version and latency, and the environment. */
  @Get()
  @ApiOkResponse({
    description: 'Reachability, version and latency of the Dev, Prod and audit databases',
  })
  check(): Promise<HealthResponse> {
    return this.health.check();
  }
}
