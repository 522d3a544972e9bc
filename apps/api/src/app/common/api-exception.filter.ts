import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiErrorBody } from '@vantix/contracts';
import { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { toHttpException } from './domain-errors';

/**
 * Every error leaves the API as an ApiErrorBody: a status, a message a person
 * understands, structured details where useful, and the request id to find the
 * log line. Unexpected errors become a 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = request.id ? String(request.id) : undefined;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, body.message);
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    const exception = toHttpException(error) ?? error;
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const error = STATUS_CODES[statusCode] ?? 'Error';
      if (typeof raw === 'string') {
        return { statusCode, error, message: raw };
      }
      const { message, details } = raw as {
        message?: string | string[];
        details?: Record<string, unknown>;
      };
      const text = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
      return {
        statusCode,
        error,
        message: text,
        ...(details ? { details } : {}),
      };
    }
    // body-parser errors (malformed JSON, body too large) carry their status.
    const status = (exception as { status?: number; statusCode?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message =
        type === 'entity.too.large'
          ? 'request body is larger than the limit'
          : type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : ((exception as Error).message ?? 'bad request');
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'unexpected error; see the server log for this request id',
    };
  }
}
