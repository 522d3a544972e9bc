import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CRM_TABLES, MAX_SUMMARY_REFS, RECORD_KINDS, RecordKind } from '@vantix/contracts';

const TABLE_MESSAGE = `table must be one of ${CRM_TABLES.join(', ')}`;
/** A composite key's JSON text stays well under this; anything longer cannot be an id. */
const MAX_ID_LENGTH = 200;

export class RecordDetailParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be the UUID of a comparison' })
  id!: string;

  @ApiProperty({ enum: CRM_TABLES })
  @IsIn(CRM_TABLES, { message: TABLE_MESSAGE })
  table!: string;

  @ApiProperty({ description: 'The primary key; a composite key as its JSON array text' })
  @IsString()
  @MaxLength(MAX_ID_LENGTH, { message: `recordId must be at most ${MAX_ID_LENGTH} characters` })
  recordId!: string;
}

export class RecordDetailQueryDto {
  @ApiPropertyOptional({ enum: RECORD_KINDS, description: 'The list the record was opened from' })
  @IsOptional()
  @IsIn(RECORD_KINDS, { message: `kind must be one of ${RECORD_KINDS.join(', ')}` })
  kind?: RecordKind;
}

export class RecordRefDto {
  @ApiProperty({ enum: CRM_TABLES })
  @IsIn(CRM_TABLES, { message: `records: each ${TABLE_MESSAGE}` })
  table!: string;

  @ApiProperty()
  @IsString({ message: 'records: each id must be a string' })
  @MaxLength(MAX_ID_LENGTH, { message: `records: each id must be at most ${MAX_ID_LENGTH} characters` })
  id!: string;
}

export class RecordSummariesDto {
  @ApiProperty({ type: [RecordRefDto] })
  @IsArray({ message: 'records must be an array of { table, id }' })
  @ArrayMinSize(1, { message: 'records must name at least one record' })
  @ArrayMaxSize(MAX_SUMMARY_REFS, { message: `records may name at most ${MAX_SUMMARY_REFS} records` })
  @ValidateNested({ each: true })
  @Type(() => RecordRefDto)
  records!: RecordRefDto[];
}
