import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { refreshSettingsProvider } from './refresh-settings';
import { RefreshesController } from './refreshes.controller';
import { RefreshesService } from './refreshes.service';

/** Development only: refresh Development from Production, insert-only, with data rules, audit first. */
@Module({
  imports: [OperationsModule],
  controllers: [RefreshesController],
  providers: [RefreshesService, refreshSettingsProvider],
})
export class RefreshesModule {}
