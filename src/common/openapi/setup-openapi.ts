import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDto } from './api-problems.decorator.js';
import { finishDocument } from './finish-document.js';

export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Digital leadership certification registry')
    .setDescription(
      'The public register of certified digital leaders in the health service. Errors are RFC 9457 ' +
        'application/problem+json with a stable `code`. Every response carries `x-correlation-id`.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer(process.env.PUBLIC_URL ?? '/')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
    .build();
  // Built on the first request for it, not at boot: scanning every route is start-up time that
  // almost no process ever needs.
  const document = () =>
    finishDocument(app, SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }));
  // The JSON only: the page at /api/docs (web module) reads it; Swagger UI did not pass axe.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', ui: false });
}
