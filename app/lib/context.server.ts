// What the web Worker hands React Router as load context: its bindings and execution context.
import { createContext } from 'react-router';

/** Bindings of the web Worker, as declared in wrangler.web.toml. */
export interface WebEnv {
  /** Service binding to the API Worker (no public hop). */
  API: { fetch(input: Request | string, init?: RequestInit): Promise<Response> };
  ENVIRONMENT: string;
  /** Signs the session cookie; required outside development. */
  SESSION_SECRET?: string;
}

export interface WorkerContext {
  env: WebEnv;
  ctx: { waitUntil(promise: Promise<unknown>): void };
}

export const workerContext = createContext<WorkerContext>();
