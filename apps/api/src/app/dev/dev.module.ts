import { Module } from '@nestjs/common';
import { ComparisonService } from './comparison.service';
import { DevController } from './dev.controller';
import { SyncService } from './sync.service';

/** The development-only endpoints: compare and sync. */
@Module({
  controllers: [DevController],
  providers: [ComparisonService, SyncService],
})
export class DevModule {}
