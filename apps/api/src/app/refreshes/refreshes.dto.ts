import { ReviewedWriteRequestDto } from '../syncs/syncs.dto';

// Shape only, as for a sync: what a selection means (ids listed by the
// comparison as missing in Development) is checked by runAuditedRefresh.

export class RefreshRequestDto extends ReviewedWriteRequestDto(
  'refresh',
  'Add the Production parents Development lacks',
) {}
