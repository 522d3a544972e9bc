import { ArgumentsHost } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { ApiExceptionFilter } from './api-exception.filter';

/** Deeper JSON than any request DTO needs (they nest three levels); class-transformer recurses per level. */
export const MAX_BODY_DEPTH = 32;

function nestedDeeperThan(value: unknown, limit: number): boolean {
  // Iterative, so the check itself cannot run out of stack on the bodies it guards against.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') {
      continue;
    }
    if (depth >= limit) {
      return true;
    }
    for (const child of Object.values(current)) {
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

function hostOf(req: Request, res: Response, next: NextFunction): ArgumentsHost {
  return {
    switchToHttp: () => ({
      getRequest: () => req,
      getResponse: () => res,
      getNext: () => next,
    }),
  } as ArgumentsHost;
}

/**
 * Answers what the JSON body parser refuses (invalid JSON 400, too large 413)
 * straight after it, through the API's exception filter. Left to travel down
 * the middleware chain, these errors reach @nestjs/serve-static's error
 * handler, which turns every error on an /api route into "404 Cannot POST …".
 */
export function bodyParserErrors(filter: ApiExceptionFilter) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    filter.catch(error, hostOf(req, res, next));
  };
}

/**
 * Refuses bodies nested deeper than MAX_BODY_DEPTH with 400: thousands of
 * levels of `[[[…]]]` parse fine, but overflow the stack of the validation
 * pipe's class-transformer, which would answer 500.
 */
export function bodyDepthLimit(filter: ApiExceptionFilter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!nestedDeeperThan(req.body, MAX_BODY_DEPTH)) {
      next();
      return;
    }
    const error = Object.assign(new Error(`request body is nested more than ${MAX_BODY_DEPTH} levels deep`), {
      status: 400,
      type: 'entity.too.deep',
    });
    filter.catch(error, hostOf(req, res, next));
  };
}
