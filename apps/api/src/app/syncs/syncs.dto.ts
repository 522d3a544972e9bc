import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CRM_TABLES, STORED_SYNC_STATUSES, SYNC_REASON_MAX, SYNC_REASON_MIN } from '@vantix/contracts';

// The DTOs check the shape of a request only (types and sizes). What a
// selection means — a known table, selected once, ids or all, no id twice,
// ids that exist — is checked in one place, sync-core's plan, and answered as
// InvalidSelectionError (400) naming every offender.

/** Most ids one selection may list; larger syncs use `all: true` or several requests. */
export const MAX_IDS_PER_SELECTION = 10_000;
/** PostgreSQL's longest identifier. */
const MAX_TABLE_NAME = 63;

export class SelectionDto {
  @ApiProperty({ enum: CRM_TABLES })
  @IsString({ message: 'table must be the name of a table' })
  @MaxLength(MAX_TABLE_NAME, { message: `table must be at most ${MAX_TABLE_NAME} characters` })
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

export class TableColumnsDto {
  @ApiProperty()
  @IsString({ message: 'acknowledgeDroppedColumns: table must be the name of a table' })
  @MaxLength(MAX_TABLE_NAME, {
    message: `acknowledgeDroppedColumns: table must be at most ${MAX_TABLE_NAME} characters`,
  })
  table!: string;

  @ApiProperty({ type: [String] })
  @IsArray({ message: 'acknowledgeDroppedColumns: columns must be an array of column names' })
  @ArrayMaxSize(1600, { message: 'acknowledgeDroppedColumns: columns may list at most 1600 columns' })
  @IsString({ each: true, message: 'acknowledgeDroppedColumns: each column must be a string' })
  @MaxLength(MAX_TABLE_NAME, {
    each: true,
    message: `acknowledgeDroppedColumns: each column must be at most ${MAX_TABLE_NAME} characters`,
  })
  columns!: string[];
}

/**
 * The fields a reviewed write request shares, whichever way it copies: the
 * comparison it was reviewed in, why, which records, their parents, and
 * whether it is only a dry run. `purpose` ("sync", "refresh") names the request
 * in the messages.
 */
export function ReviewedWriteRequestDto(purpose: 'sync' | 'refresh', parents: string) {
  abstract class ReviewedWriteRequest {
    @ApiProperty({ format: 'uuid' })
    @IsUUID('all', { message: 'comparisonId must be the id (a UUID) of a comparison' })
    comparisonId!: string;

    @ApiPropertyOptional({ default: false, description: parents })
    @IsOptional()
    @IsBoolean({ message: 'includeParents must be true or false' })
    includeParents?: boolean;

    @ApiPropertyOptional({ default: false, description: 'The plan and its checks; nothing written' })
    @IsOptional()
    @IsBoolean({ message: 'dryRun must be true or false' })
    dryRun?: boolean;

    @ApiProperty({
      minLength: SYNC_REASON_MIN,
      maxLength: SYNC_REASON_MAX,
      description: `Why this ${purpose} is needed; stored with it and in its audit events. Optional for a dry run`,
    })
    @ValidateIf((body: ReviewedWriteRequest) => body.dryRun !== true || body.reason !== undefined)
    // A missing or empty reason gets this one message, not every length and type check after it.
    @IsNotEmpty({ message: `reason must be at least ${SYNC_REASON_MIN} characters: say why this ${purpose} is needed` })
    @IsString({
      message: `reason must say why this ${purpose} is needed (${SYNC_REASON_MIN}–${SYNC_REASON_MAX} characters)`,
    })
    @MinLength(SYNC_REASON_MIN, { message: `reason must be at least ${SYNC_REASON_MIN} characters` })
    @MaxLength(SYNC_REASON_MAX, { message: `reason must be at most ${SYNC_REASON_MAX} characters` })
    reason?: string;

    @ApiProperty({ type: [SelectionDto] })
    @IsArray({ message: 'selections must be an array' })
    @ArrayMinSize(1, { message: 'selections must select at least one table' })
    @ArrayMaxSize(CRM_TABLES.length * 2)
    @ValidateNested({ each: true })
    @Type(() => SelectionDto)
    selections!: SelectionDto[];
  }
  return ReviewedWriteRequest;
}

export class SyncRequestDto extends ReviewedWriteRequestDto(
  'sync',
  'Add the parents Production lacks (recursively) instead of refusing the selection',
) {
  @ApiProperty({
    enum: [true],
    description: 'Must be true: the caller confirmed that this writes to Production',
  })
  @Equals(true, {
    message: 'confirm must be true: a sync writes to Production and needs explicit confirmation',
  })
  confirm!: true;

  @ApiPropertyOptional({
    default: false,
    description: 'Leave out records Development changed since the comparison instead of refusing the sync (409)',
  })
  @IsOptional()
  @IsBoolean({ message: 'skipChanged must be true or false' })
  skipChanged?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Must be true to copy users rows of a privileged role (admin): they come with their password hashes and make ' +
      'their owners administrators of Production',
  })
  @IsOptional()
  @IsBoolean({ message: 'allowAdminAccounts must be true or false' })
  allowAdminAccounts?: boolean;

  @ApiPropertyOptional({
    type: [TableColumnsDto],
    description:
      'Development-only columns whose values the sync will not copy, exactly as the plan (dry run) lists them in droppedColumns',
  })
  @IsOptional()
  @IsArray({ message: 'acknowledgeDroppedColumns must be an array of { table, columns }' })
  @ArrayMaxSize(CRM_TABLES.length * 2)
  @ValidateNested({ each: true })
  @Type(() => TableColumnsDto)
  acknowledgeDroppedColumns?: TableColumnsDto[];
}

/** GET /api/dev/syncs: a page, newest first, optionally one status. */
export class SyncListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STORED_SYNC_STATUSES })
  @IsOptional()
  @IsIn(STORED_SYNC_STATUSES, { message: `status must be one of ${STORED_SYNC_STATUSES.join(', ')}` })
  status?: string;
}

/** POST /api/dev/syncs/:id/reject. */
export class RejectSyncDto {
  @ApiProperty({ minLength: SYNC_REASON_MIN, maxLength: SYNC_REASON_MAX, description: 'Why the request is refused' })
  @IsNotEmpty({ message: `reason must be at least ${SYNC_REASON_MIN} characters: say why the sync is rejected` })
  @IsString({ message: `reason must say why the sync is rejected (${SYNC_REASON_MIN}–${SYNC_REASON_MAX} characters)` })
  @MinLength(SYNC_REASON_MIN, { message: `reason must be at least ${SYNC_REASON_MIN} characters` })
  @MaxLength(SYNC_REASON_MAX, { message: `reason must be at most ${SYNC_REASON_MAX} characters` })
  reason!: string;
}
