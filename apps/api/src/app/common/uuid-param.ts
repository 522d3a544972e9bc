import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/**
 * The pipe for a route's `:id` that names a stored thing: a malformed id is a
 * 400 that says what the id should have been, before any store is asked.
 */
export function uuidParam(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException(`id must be the UUID of ${what}`),
  });
}
