import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ComparisonDependencies,
  ComparisonListItem,
  ComparisonReport,
  Page,
  RecordDetail,
  RecordEntry,
  RecordSummariesResponse,
} from '@vantix/contracts';
import { Request } from 'express';
import { AdminOnly } from '../auth';
import { uuidParam } from '../common/uuid-param';
import { PageQueryDto } from '../common/page-query.dto';
import { requestContext } from '../common/request-context';
import { CompareDatabasesDto, RecordsQueryDto } from './comparisons.dto';
import { ComparisonsService } from './comparisons.service';
import { RecordDetailParamsDto, RecordDetailQueryDto, RecordSummariesDto } from './record-review.dto';
import { RecordReviewService } from './record-review.service';

const uuid = uuidParam('a comparison');

/** Development only: not registered at all when APP_ENV is production. */
@ApiTags('dev')
@ApiBearerAuth()
@AdminOnly()
@Controller('dev')
export class ComparisonsController {
  constructor(
    private readonly comparisons: ComparisonsService,
    private readonly review: RecordReviewService,
  ) {}

  @Post('compare-databases')
  @HttpCode(201)
  @ApiCreatedResponse({
    description: 'The comparison report (record lists capped; page the rest)',
  })
  compare(@Body() body: CompareDatabasesDto, @Req() request: Request): Promise<ComparisonReport> {
    return this.comparisons.compare(body.tables, requestContext(request));
  }

  @Get('comparisons')
  @ApiOkResponse({ description: 'Stored comparisons, newest first' })
  list(@Query() query: PageQueryDto): Promise<Page<ComparisonListItem>> {
    return this.comparisons.list(query);
  }

  @Get('comparisons/:id')
  get(@Param('id', uuid) id: string): Promise<ComparisonReport> {
    return this.comparisons.get(id);
  }

  @Get('comparisons/:id/records')
  records(@Param('id', uuid) id: string, @Query() query: RecordsQueryDto): Promise<Page<RecordEntry>> {
    return this.comparisons.records(id, query);
  }

  @Get('comparisons/:id/records/:table/:recordId')
  @ApiOkResponse({ description: 'One record read live on both sides, with its parents and children' })
  recordDetail(@Param() params: RecordDetailParamsDto, @Query() query: RecordDetailQueryDto): Promise<RecordDetail> {
    return this.review.detail(params.id, params.table, params.recordId, query.kind);
  }

  @Get('comparisons/:id/dependencies')
  @ApiOkResponse({ description: 'Records missing in Production that need parents, and the privileged ones (live)' })
  dependencies(@Param('id', uuid) id: string): Promise<ComparisonDependencies> {
    return this.review.dependencies(id);
  }

  @Post('record-summaries')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Summaries of records named by table and id, read live' })
  summaries(@Body() body: RecordSummariesDto): Promise<RecordSummariesResponse> {
    return this.review.summaries(body.records);
  }
}
