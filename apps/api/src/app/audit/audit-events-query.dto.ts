import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUDIT_EVENT_TYPES, AuditEventsQuery, AuditEventType } from '@vantix/contracts';
import { PageQueryDto } from '../common/page-query.dto';

export class AuditEventsQueryDto extends PageQueryDto implements AuditEventsQuery {
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_EVENT_TYPES, {
    message: `type must be one of ${AUDIT_EVENT_TYPES.join(', ')}`,
  })
  type?: AuditEventType;

  @ApiPropertyOptional({ description: "The actor's e-mail (or part of it)" })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601; events at or after this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601; events before this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}
