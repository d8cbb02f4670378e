import { AsyncLocalStorage } from 'node:async_hooks';

export interface ExecutionContext {
  requestId?: string;
  correlationId: string;
  /** Id of the event being handled, when running inside a consumer. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<ExecutionContext>();

export const executionContext = {
  current: (): ExecutionContext | undefined => storage.getStore(),
  run: <T>(context: ExecutionContext, fn: () => T): T => storage.run(context, fn),
  enter: (context: ExecutionContext): void => storage.enterWith(context),
};
