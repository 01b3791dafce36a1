import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- handlers and classes are any function
type Target = Function;

/**
 * A route's decorator metadata, read once per handler and kept: decorators are fixed when the app
 * starts, while Reflector looks them up through reflect-metadata's maps on every call, a visible
 * share of a cheap public read's CPU when every global guard does it per request.
 */
export class HandlerMetadata<T> {
  // By handler, then by controller class: a method inherited by two controllers has one handler.
  private readonly byHandler = new WeakMap<Target, WeakMap<Target, { value: T | undefined }>>();

  constructor(private readonly read: (handler: Target, controller: Target) => T | undefined) {}

  /** The value for the handler and controller the request is routed to. */
  of(context: ExecutionContext): T | undefined {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byClass = this.byHandler.get(handler);
    if (byClass === undefined) {
      byClass = new WeakMap();
      this.byHandler.set(handler, byClass);
    }
    let entry = byClass.get(controller);
    if (entry === undefined) {
      entry = { value: this.read(handler, controller) };
      byClass.set(controller, entry);
    }
    return entry.value;
  }

  /** Metadata on the handler, else on its controller (Reflector.getAllAndOverride). */
  static override<T>(reflector: Reflector, key: string | symbol): HandlerMetadata<T> {
    return new HandlerMetadata((handler, controller) =>
      reflector.getAllAndOverride<T | undefined>(key, [handler, controller]),
    );
  }

  /** Metadata on the handler only (Reflector.get). */
  static onHandler<T>(reflector: Reflector, key: string | symbol): HandlerMetadata<T> {
    return new HandlerMetadata((handler) => reflector.get<T | undefined>(key, handler));
  }
}
