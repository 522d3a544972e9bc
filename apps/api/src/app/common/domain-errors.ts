import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AuditUnavailableError, InvalidQueryError } from '@vantix/audit';
import {
  InvalidSyncReasonError,
  NotSyncRequesterError,
  SyncApprovalConflictError,
  SyncNotFoundError,
} from '@vantix/audited-operations';
import { ComparisonNotFoundError } from '@vantix/report-store';
import {
  ChangedSinceReviewError,
  DatabaseUnavailableError,
  DroppedColumnsError,
  InvalidSelectionError,
  MissingParentsError,
  RefusedRecordsError,
  SyncInProgressError,
} from '@vantix/sync-core';

/**
 * The one place where the domain's errors become HTTP answers (STYLE.md §8):
 * 400 for a request that cannot be right, 409 for one that conflicts with the
 * state of the databases, 503 when a database or the audit store is not there.
 * Returns null for anything else (a bug: the filter answers 500).
 */
export function toHttpException(error: unknown): HttpException | null {
  if (error instanceof HttpException) {
    return error;
  }
  if (error instanceof InvalidSelectionError) {
    return new BadRequestException({
      message: error.message,
      details: { invalid: error.invalid },
    });
  }
  if (error instanceof RefusedRecordsError) {
    return new BadRequestException({
      message: error.message,
      details: { refused: error.refused },
    });
  }
  if (error instanceof DroppedColumnsError) {
    return new ConflictException({
      message: error.message,
      details: { reason: 'dropped_columns', droppedColumns: error.droppedColumns },
    });
  }
  if (error instanceof InvalidQueryError) {
    return new BadRequestException(error.message);
  }
  if (error instanceof MissingParentsError) {
    return new ConflictException({
      message: `${error.message}. Select them too, or set includeParents to add them.`,
      details: { reason: 'missing_parents', missingParents: error.parents },
    });
  }
  if (error instanceof InvalidSyncReasonError) {
    return new BadRequestException(error.message);
  }
  if (error instanceof ChangedSinceReviewError) {
    return new ConflictException({
      message: error.message,
      details: { reason: 'changed_since_review', records: error.records },
    });
  }
  if (error instanceof SyncInProgressError) {
    return new ConflictException({
      message: error.message,
      details: { reason: 'sync_in_progress' },
    });
  }
  if (error instanceof DatabaseUnavailableError) {
    return new ServiceUnavailableException({
      message: error.message,
      details: { database: error.side },
    });
  }
  if (error instanceof AuditUnavailableError) {
    return new ServiceUnavailableException({
      message: error.message,
      details: { database: 'audit' },
    });
  }
  if (error instanceof ComparisonNotFoundError || error instanceof SyncNotFoundError) {
    return new NotFoundException(error.message);
  }
  if (error instanceof SyncApprovalConflictError) {
    return new ConflictException({
      message: error.message,
      details: { reason: error.conflict, status: error.status },
    });
  }
  if (error instanceof NotSyncRequesterError) {
    return new ForbiddenException(error.message);
  }
  return null;
}
