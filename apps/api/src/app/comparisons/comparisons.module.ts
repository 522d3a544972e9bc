import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ComparisonsController } from './comparisons.controller';
import { ComparisonsService } from './comparisons.service';

/** Development only: compare Dev with Prod, and read the stored comparisons. */
@Module({
  imports: [OperationsModule],
  controllers: [ComparisonsController],
  providers: [ComparisonsService],
})
export class ComparisonsModule {}
