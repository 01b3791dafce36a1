import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES } from '../decorators/auth.decorators.js';
import { OPERATION_SUMMARIES } from './operation-summaries.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Access = { public: boolean; roles: string[] };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const ROUTER_400 = {
  description: 'Malformed request refused before it reaches the handler (e.g. bad URL encoding)',
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
  },
};

/** Who may call each handler, by the operationId Nest gives it (`Controller_method`). */
function accessByOperationId(app: INestApplication): Map<string, Access> {
  const access = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const isPublic = Boolean(
          Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller),
        );
        const roles = (Reflect.getMetadata(ROLES, handler) ??
          Reflect.getMetadata(ROLES, controller) ??
          []) as string[];
        access.set(`${controller.name}_${name}`, { public: isPublic, roles });
      }
    }
  }
  return access;
}

function summaryFrom(operationId: string): string {
  const method =
    operationId
      .split('_')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? operationId;
  const words = method.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What decorators leave out of the generated document, filled in from the code itself so a
 * generated client knows each route's credentials: a summary on every operation, a security
 * requirement (none for public routes; a bearer token, or an API key where issuers may call),
 * and a problem response on the few routes whose handlers never refuse anything.
 */
export function finishDocument(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const access = accessByOperationId(app);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      const id = operation.operationId ?? '';
      operation.summary ??= OPERATION_SUMMARIES[id] ?? summaryFrom(id);
      if (!operation.security) {
        const who = access.get(id.replace(/\[\d+\]$/, ''));
        operation.security =
          !who || who.public
            ? []
            : who.roles.length === 0 || who.roles.includes('issuer')
              ? [{ bearer: [] }, { 'api-key': [] }]
              : [{ bearer: [] }];
      }
      if (!Object.keys(operation.responses).some((status) => status.startsWith('4'))) {
        operation.responses['400'] = ROUTER_400;
      }
    }
  }
  return document;
}
