import { BadRequestException, INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Express, NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { bodyDepthLimit, bodyParserErrors } from './common/body-guards';
import { Runtime } from './runtime/runtime';

/** Request bodies larger than this are refused with 413 before any work is done. */
export const BODY_LIMIT = '512kb';

function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // isNotEmpty fails only for a missing, null or '' value: then its message
    // alone says what is wrong, not also every type and format check after it.
    const own = constraints['isNotEmpty'] === undefined ? Object.values(constraints) : [constraints['isNotEmpty']];
    return [
      ...own.map((message) => (message.startsWith(path) ? message : `${path}: ${message}`)),
      ...describeValidationErrors(error.children ?? [], path),
    ];
  });
}

/**
 * The Content-Security-Policy of every response. Scripts only from this
 * origin — no inline script, no eval (the console's build emits none, and its
 * stylesheet link has no inline onload: apps/console/project.json turns
 * critical-CSS inlining off). Styles may be inline because Angular Material
 * injects <style> elements at run time. No framing by anyone.
 * `upgrade-insecure-requests` (helmet's default) is left out on purpose: on a
 * plain-HTTP start on 127.0.0.1 it would send the browser to https:// and
 * break the console.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** API answers carry tokens, reports and audit events: no browser or proxy may keep them. */
function noStore(_req: ExpressRequest, res: ExpressResponse, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** Builds the whole API (used by main.ts and by the tests): one port, API under /api, console at /dev-console. */
export async function createApp(
  runtime: Runtime,
  features: Parameters<typeof AppModule.forRuntime>[1] = [],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime, features), {
    bufferLogs: true,
    bodyParser: false,
    // Throw instead of process.exit(1): main.ts reports the error in one line
    // and stops the demo databases; tests clean up their databases.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const filter = new ApiExceptionFilter();
  // nosniff, Referrer-Policy: no-referrer, frame-ancestors 'none' (and X-Frame-Options: DENY), the CSP above —
  // first, so that every answer carries them, a refused body's 413 included.
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
    }),
  );
  app.use('/api', noStore);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyParserErrors(filter), bodyDepthLimit(filter));
  app.set('trust proxy', runtime.config.trust.trustProxy);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.useGlobalFilters(filter);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(describeValidationErrors(errors).join('; ')),
    }),
  );
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Vantix Sync API')
    .setDescription('Compare the Dev and Prod CRM databases and copy chosen records to Production, insert-only.')
    .addBearerAuth()
    .build();
  // The OpenAPI page maps every route for whoever asks: a development aid, absent (404) in production.
  if (runtime.config.appEnv === 'development') {
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  }

  const http = app.getHttpAdapter().getInstance() as Express;
  http.get('/', (_req: ExpressRequest, res: ExpressResponse) => res.redirect(302, '/dev-console/'));
  await app.init();
  return app;
}
