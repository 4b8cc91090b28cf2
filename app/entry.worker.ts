// The web Worker: /api/* goes straight to the API Worker through the service binding (one origin
// for the browser), everything else is rendered by React Router.
import { createRequestHandler, RouterContextProvider } from 'react-router';
import { workerContext, type WebEnv, type WorkerContext } from './lib/context.server';

const handle = createRequestHandler(() => import('virtual:react-router/server-build'), import.meta.env.MODE);

export default {
  fetch(request: Request, env: WebEnv, ctx: WorkerContext['ctx']): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return env.API.fetch(request);
    const context = new RouterContextProvider();
    context.set(workerContext, { env, ctx });
    return handle(request, context);
  },
};
