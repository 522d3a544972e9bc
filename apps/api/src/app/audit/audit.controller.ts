import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@vantix/audit';
import { AuditEventDto, AuditVerifyResponse, Page } from '@vantix/contracts';
import { AdminOnly } from '../auth';
import { AuditEventsQueryDto } from './audit-events-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@AdminOnly()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get('events')
  @ApiOkResponse({ description: 'Audit events, newest first' })
  events(@Query() query: AuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    return this.audit.list(query);
  }

  @Get('events/:id')
  async event(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<AuditEventDto> {
    const event = await this.audit.get(id);
    if (!event) {
      throw new NotFoundException(`audit event ${id} does not exist`);
    }
    return event;
  }

  @Get('verify')
  @ApiOkResponse({
    description: 'Recomputes the hash chain: ok, events checked, first broken event',
  })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}
