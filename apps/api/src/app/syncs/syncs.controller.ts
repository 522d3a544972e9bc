import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, StoredSync, SyncEvidence, SyncListItem, SyncResult } from '@vantix/contracts';
import { Request } from 'express';
import { AdminOnly } from '../auth';
import { AuthenticatedUser } from '../common/request-context';
import { SyncListQueryDto, SyncRequestDto } from './syncs.dto';
import { SyncsService } from './syncs.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id must be the UUID of a sync'),
});

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

  @Get('syncs')
  @ApiOkResponse({ description: 'Stored sync requests (dry runs aside), newest first' })
  list(@Query() query: SyncListQueryDto): Promise<Page<SyncListItem>> {
    return this.syncs.list(query);
  }

  @Get('syncs/:id')
  @ApiOkResponse({ description: 'One stored sync: plan, reason, requester, per-record results, status' })
  get(@Param('id', uuid) id: string): Promise<StoredSync> {
    return this.syncs.get(id);
  }

  @Get('syncs/:id/evidence')
  @ApiOkResponse({
    description:
      "The evidence bundle: the comparison's counts and pinned fingerprints, plan, reason, requester, approvers, " +
      "per-record results with Production's fingerprints, the sync's audit events with their hashes, the chain head",
  })
  evidence(@Param('id', uuid) id: string): Promise<SyncEvidence> {
    return this.syncs.evidence(id);
  }
}
