import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { SyncsController } from './syncs.controller';
import { SyncsService } from './syncs.service';

/** Development only: copy chosen records Dev → Prod, insert-only, audit first. */
@Module({
  imports: [OperationsModule],
  controllers: [SyncsController],
  providers: [SyncsService],
})
export class SyncsModule {}
