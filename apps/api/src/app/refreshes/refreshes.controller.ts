import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, RefreshResult, StoredRefresh, SyncListItem } from '@vantix/contracts';
import { Request } from 'express';
import { AdminOnly } from '../auth';
import { uuidParam } from '../common/uuid-param';
import { AuthenticatedUser } from '../common/request-context';
import { SyncListQueryDto } from '../syncs/syncs.dto';
import { RefreshRequestDto } from './refreshes.dto';
import { RefreshesService } from './refreshes.service';

const uuid = uuidParam('a refresh');

/** Development only: not registered at all when APP_ENV is production. */
@ApiTags('dev')
@ApiBearerAuth()
@AdminOnly()
@Controller('dev')
export class RefreshesController {
  constructor(private readonly refreshes: RefreshesService) {}

  @Post('refresh-development')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Per-record results, the plan with its data rules, and the re-comparison' })
  refresh(
    @Body() body: RefreshRequestDto,
    @Req() request: Request & { user: AuthenticatedUser },
  ): Promise<RefreshResult> {
    return this.refreshes.refresh(body, request);
  }

  @Get('refreshes')
  @ApiOkResponse({ description: 'Stored refreshes of Development (dry runs aside), newest first' })
  list(@Query() query: SyncListQueryDto): Promise<Page<SyncListItem>> {
    return this.refreshes.list(query);
  }

  @Get('refreshes/:id')
  @ApiOkResponse({ description: 'One stored refresh: plan and data rules, reason, requester, per-record results' })
  get(@Param('id', uuid) id: string): Promise<StoredRefresh> {
    return this.refreshes.get(id);
  }
}
