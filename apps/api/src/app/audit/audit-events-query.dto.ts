import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AUDIT_EVENT_TYPES,
  AuditEventsQuery,
  AuditEventType,
} from '@vantix/contracts';

export class AuditEventsQueryDto implements AuditEventsQuery {
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
  @IsISO8601(
    { strict: true },
    { message: 'from must be an ISO 8601 date-time' },
  )
  from?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601; events at or before this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}
