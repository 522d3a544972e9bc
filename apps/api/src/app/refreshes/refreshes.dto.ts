import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CRM_TABLES, SYNC_REASON_MAX, SYNC_REASON_MIN } from '@vantix/contracts';
import { SelectionDto } from '../syncs/syncs.dto';

// Shape only, as for a sync: what a selection means (ids listed by the
// comparison as missing in Development) is checked by runAuditedRefresh.

export class RefreshRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'comparisonId must be the id (a UUID) of a comparison' })
  comparisonId!: string;

  @ApiProperty({
    minLength: SYNC_REASON_MIN,
    maxLength: SYNC_REASON_MAX,
    description: 'Why this refresh is needed; stored with it and in its audit events. Optional for a dry run',
  })
  @ValidateIf((body: RefreshRequestDto) => body.dryRun !== true || body.reason !== undefined)
  @IsString({
    message: `reason must say why this refresh is needed (${SYNC_REASON_MIN}–${SYNC_REASON_MAX} characters)`,
  })
  @MinLength(SYNC_REASON_MIN, { message: `reason must be at least ${SYNC_REASON_MIN} characters` })
  @MaxLength(SYNC_REASON_MAX, { message: `reason must be at most ${SYNC_REASON_MAX} characters` })
  reason?: string;

  @ApiProperty({
    type: [SelectionDto],
    description: 'Records the comparison listed as missing in Development: { table, ids } or { table, all: true }',
  })
  @IsArray({ message: 'selections must be an array' })
  @ArrayMinSize(1, { message: 'selections must select at least one table' })
  @ArrayMaxSize(CRM_TABLES.length * 2)
  @ValidateNested({ each: true })
  @Type(() => SelectionDto)
  selections!: SelectionDto[];

  @ApiPropertyOptional({ default: false, description: 'Add the Production parents Development lacks' })
  @IsOptional()
  @IsBoolean({ message: 'includeParents must be true or false' })
  includeParents?: boolean;

  @ApiPropertyOptional({ default: false, description: 'The plan and the data rules; nothing written' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}
