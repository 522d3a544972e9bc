import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PendingSyncResponse, StoredSync, SyncEvidence, SyncListItem, SyncResult } from '@vantix/contracts';
import { Request, Response } from 'express';
import { AdminOnly } from '../auth';
import { uuidParam } from '../common/uuid-param';
import { AuthenticatedUser } from '../common/request-context';
import { RejectSyncDto, SyncListQueryDto, SyncRequestDto } from './syncs.dto';
import { SyncsService } from './syncs.service';

const uuid = uuidParam('a sync');

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
  @ApiAcceptedResponse({
    description:
      'SYNC_APPROVALS=2: the planned request waits for another admin ({id, status: pending_approval, expiresAt})',
  })
  @ApiForbiddenResponse({
    description: "A write (not a dry run) by someone who is not an admin in Production's users table",
  })
  async sync(
    @Body() body: SyncRequestDto,
    @Req() request: Request & { user: AuthenticatedUser },
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncResult | PendingSyncResponse> {
    const result = await this.syncs.sync(body, request);
    if (result.status === 'pending_approval') {
      response.status(202);
    }
    return result;
  }

  @Get('syncs')
  @ApiOkResponse({ description: 'Stored sync requests (dry runs aside), newest first' })
  list(@Query() query: SyncListQueryDto, @Req() request: Request): Promise<Page<SyncListItem>> {
    return this.syncs.list(query, request);
  }

  @Get('syncs/:id')
  @ApiOkResponse({ description: 'One stored sync: plan, reason, requester, approvals, per-record results, status' })
  get(@Param('id', uuid) id: string, @Req() request: Request): Promise<StoredSync> {
    return this.syncs.get(id, request);
  }

  @Post('syncs/:id/approve')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The approved request ran: per-record results, the plan, the re-comparison' })
  @ApiForbiddenResponse({ description: "The approver is not an admin in Production's users table" })
  @ApiConflictResponse({
    description: 'Own request, expired, rejected, cancelled or already approved; or the pinned records changed',
  })
  approve(@Param('id', uuid) id: string, @Req() request: Request & { user: AuthenticatedUser }): Promise<SyncResult> {
    return this.syncs.approve(id, request);
  }

  @Post('syncs/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The request, rejected: it can no longer be approved' })
  @ApiConflictResponse({ description: 'Own request (cancel it instead), or not pending' })
  reject(
    @Param('id', uuid) id: string,
    @Body() body: RejectSyncDto,
    @Req() request: Request & { user: AuthenticatedUser },
  ): Promise<StoredSync> {
    return this.syncs.reject(id, body.reason, request);
  }

  @Post('syncs/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The request, cancelled by its requester' })
  @ApiForbiddenResponse({ description: 'Only the admin who requested the sync may cancel it' })
  @ApiConflictResponse({ description: 'Not pending (expired, rejected, cancelled or approved)' })
  cancel(@Param('id', uuid) id: string, @Req() request: Request): Promise<StoredSync> {
    return this.syncs.cancel(id, request);
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
