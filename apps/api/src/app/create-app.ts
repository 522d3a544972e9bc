import { BadRequestException, INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Express, Request as ExpressRequest, Response as ExpressResponse } from 'express';
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
    const own = Object.values(error.constraints ?? {});
    return [
      ...own.map((message) => (message.startsWith(path) ? message : `${path}: ${message}`)),
      ...describeValidationErrors(error.children ?? [], path),
    ];
  });
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
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  const http = app.getHttpAdapter().getInstance() as Express;
  http.get('/', (_req: ExpressRequest, res: ExpressResponse) => res.redirect(302, '/dev-console/'));
  await app.init();
  return app;
}
