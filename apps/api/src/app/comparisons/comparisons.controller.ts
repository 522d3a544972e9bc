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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ComparisonListItem, ComparisonReport, Page, RecordEntry } from '@vantix/contracts';
import { Request } from 'express';
import { AdminOnly } from '../auth';
import { PageQueryDto } from '../common/page-query.dto';
import { requestContext } from '../common/request-context';
import { CompareDatabasesDto, RecordsQueryDto } from './comparisons.dto';
import { ComparisonsService } from './comparisons.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id must be the UUID of a comparison'),
});

/** Development only: not registered at all when APP_ENV is production. */
@ApiTags('dev')
@ApiBearerAuth()
@AdminOnly()
@Controller('dev')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

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
}
