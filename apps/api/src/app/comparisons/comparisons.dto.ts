import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { CRM_TABLES, RECORD_KINDS, RecordKind } from '@vantix/contracts';
import { PageQueryDto } from '../common/page-query.dto';

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
