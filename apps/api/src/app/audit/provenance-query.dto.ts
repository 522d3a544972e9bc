import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CRM_TABLES } from '@vantix/contracts';

/** GET /api/audit/provenance: a Production record, by table and id (the API's record-id spelling). */
export class ProvenanceQueryDto {
  @ApiProperty({ enum: CRM_TABLES })
  @IsIn(CRM_TABLES, { message: `table must be one of ${CRM_TABLES.join(', ')}` })
  table!: string;

  @ApiProperty({ description: 'The record id as the comparison lists it (a composite key: its JSON array)' })
  @IsString({ message: 'id must be the record id' })
  @IsNotEmpty({ message: 'id must be the record id' })
  @MaxLength(1_000)
  id!: string;
}
