import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CRM_TABLES, RECORD_KINDS, RecordKind } from '@vantix/contracts';
import { PageQueryDto } from '../common/page-query.dto';

/** Most ids one selection may list; larger syncs use `all: true` or several requests. */
export const MAX_IDS_PER_SELECTION = 10_000;
const TABLE_MESSAGE = `table must be one of ${CRM_TABLES.join(', ')}`;

export class CompareDatabasesDto {
  @ApiPropertyOptional({
    enum: CRM_TABLES,
    isArray: true,
    description: 'Defaults to the four CRM tables',
  })
  @IsOptional()
  @IsArray({ message: 'tables must be an array of table names' })
  @ArrayMinSize(1, {
    message: 'tables must name at least one table (or be left out)',
  })
  @ArrayMaxSize(CRM_TABLES.length)
  @ArrayUnique({ message: 'tables must not repeat a table' })
  @IsIn(CRM_TABLES, { each: true, message: `tables: each ${TABLE_MESSAGE}` })
  tables?: string[];
}

export class SelectionDto {
  @ApiProperty({ enum: CRM_TABLES })
  @IsIn(CRM_TABLES, { message: TABLE_MESSAGE })
  table!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Primary keys of records missing in Production',
  })
  @IsOptional()
  @IsArray({ message: 'ids must be an array of record ids' })
  @ArrayMaxSize(MAX_IDS_PER_SELECTION, {
    message: `ids may list at most ${MAX_IDS_PER_SELECTION} records`,
  })
  @ArrayUnique({ message: 'ids must not repeat an id' })
  @IsString({ each: true, message: 'ids: each id must be a string' })
  @MaxLength(200, {
    each: true,
    message: 'ids: each id must be at most 200 characters',
  })
  ids?: string[];

  @ApiPropertyOptional({
    description: 'Every record of the table that is missing in Production',
  })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;
}

export class SyncRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', {
    message: 'comparisonId must be the id (a UUID) of a comparison',
  })
  comparisonId!: string;

  @ApiProperty({
    enum: [true],
    description: 'Must be true: the caller confirmed that this writes to Production',
  })
  @Equals(true, {
    message: 'confirm must be true: a sync writes to Production and needs explicit confirmation',
  })
  confirm!: true;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'includeParents must be true or false' })
  includeParents?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiProperty({ type: [SelectionDto] })
  @IsArray({ message: 'selections must be an array' })
  @ArrayMinSize(1, { message: 'selections must select at least one table' })
  @ArrayMaxSize(CRM_TABLES.length * 2)
  @ValidateNested({ each: true })
  @Type(() => SelectionDto)
  selections!: SelectionDto[];
}

export class RecordsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: CRM_TABLES })
  @IsIn(CRM_TABLES, { message: TABLE_MESSAGE })
  table!: string;

  @ApiProperty({ enum: RECORD_KINDS })
  @IsIn(RECORD_KINDS, {
    message: `kind must be one of ${RECORD_KINDS.join(', ')}`,
  })
  kind!: RecordKind;
}
