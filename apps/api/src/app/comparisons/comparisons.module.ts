import { Module } from '@nestjs/common';
import { CrmDatabase, DEV_DATABASE, PROD_DATABASE, RecordReview } from '@vantix/sync-core';
import { OperationsModule } from '../operations/operations.module';
import { ComparisonsController } from './comparisons.controller';
import { ComparisonsService } from './comparisons.service';
import { RECORD_REVIEW, RecordReviewService } from './record-review.service';

/** Development only: compare Dev with Prod, read the stored comparisons, and review records live. */
@Module({
  imports: [OperationsModule],
  controllers: [ComparisonsController],
  providers: [
    ComparisonsService,
    RecordReviewService,
    {
      provide: RECORD_REVIEW,
      inject: [DEV_DATABASE, PROD_DATABASE],
      useFactory: (dev: CrmDatabase, prod: CrmDatabase) => new RecordReview(dev, prod),
    },
  ],
})
export class ComparisonsModule {}
