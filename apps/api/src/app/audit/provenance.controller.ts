import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RecordProvenance } from '@vantix/contracts';
import { SyncStore } from '@vantix/report-store';
import { AdminOnly } from '../auth';
import { ProvenanceQueryDto } from './provenance-query.dto';

/** Where a Production record came from; registered in every environment, like the audit log it sits beside. */
@ApiTags('audit')
@ApiBearerAuth()
@AdminOnly()
@Controller('audit')
export class ProvenanceController {
  constructor(private readonly syncs: SyncStore) {}

  @Get('provenance')
  @ApiOkResponse({
    description:
      'Which syncs inserted the Production record (when, requester, approvers, reason, comparison), newest first; ' +
      '`written: false` when Vantix Sync never wrote it',
  })
  provenance(@Query() query: ProvenanceQueryDto): Promise<RecordProvenance> {
    return this.syncs.provenance(query.table, query.id);
  }
}
