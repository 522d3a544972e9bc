import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { SyncResult } from '@vantix/contracts';
import { Request } from 'express';
import { AdminOnly } from '../auth';
import { AuthenticatedUser } from '../common/request-context';
import { SyncRequestDto } from './syncs.dto';
import { SyncsService } from './syncs.service';

/** Development only: not registered at all when APP_ENV is production. */
@ApiTags('dev')
@ApiBearerAuth()
@AdminOnly()
@Controller('dev')
export class SyncsController {
  constructor(private readonly syncs: SyncsService) {}

  @Post('sync-to-production')
  @HttpCode(201)
  @ApiCreatedResponse({
    description: 'Per-record results, the plan, and the re-comparison',
  })
  @ApiForbiddenResponse({
    description: "A write (not a dry run) by someone who is not an admin in Production's users table",
  })
  sync(@Body() body: SyncRequestDto, @Req() request: Request & { user: AuthenticatedUser }): Promise<SyncResult> {
    return this.syncs.sync(body, request);
  }
}
