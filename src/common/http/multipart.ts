import multipart, { type FastifyMultipartOptions } from '@fastify/multipart';
import type {
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';

type RequestHook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Only a request sent as multipart can be parsed as one, and so can have saved files. */
function sentAsMultipart(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^\s*multipart\//i.test(type);
}

/**
 * `@fastify/multipart`, with its per-request hooks run only for multipart requests. It adds an
 * async `onRequest` hook (a `close` listener on every response) and an async `onResponse` hook (to
 * delete saved upload files) to every route, though only the few upload routes can save files:
 * on any other request both did nothing at the price of two promises and a listener.
 */
export const multipartUploads: FastifyPluginCallback<FastifyMultipartOptions> = (
  fastify,
  options,
  done,
) => {
  const onlyMultipart =
    (hook: RequestHook) =>
    (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction): void => {
      if (!sentAsMultipart(request)) {
        next();
        return;
      }
      hook.call(fastify, request, reply).then(
        () => next(),
        (error: unknown) => next(error as Error),
      );
    };
  const scoped = new Proxy(fastify, {
    get(target, property) {
      if (property === 'addHook') {
        return (name: string, hook: RequestHook) =>
          name === 'onRequest' || name === 'onResponse'
            ? target.addHook(name, onlyMultipart(hook))
            : (target.addHook as (n: string, h: RequestHook) => FastifyInstance)(name, hook);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  (multipart as FastifyPluginCallback<FastifyMultipartOptions>)(scoped, options, done);
};
// As fastify-plugin marks a plugin: registered on the instance itself, so its parser, decorators
// and hooks apply to every route.
Object.assign(multipartUploads, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@fastify/multipart',
});
