import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { NotFoundScreen, RouteErrorScreen } from './fallback-screens.tsx';

/**
 * The path the app is served at (Vite's `base`), as react-router's basename, with its trailing slash: a link
 * to the start (`/`) is then `/partner/`, the service worker's scope and the manifest's start URL, not
 * `/partner`, which is outside both (the gateway redirects it).
 */
export const appBasename = (baseUrl: string): string => baseUrl.replace(/\/*$/, '/');

/**
 * The app's router: every screen its own URL under the app's base path, inside `layout` (an `AppLayout`),
 * with a not-found screen for unknown URLs and an error screen (in the layout) for a screen that throws.
 */
export function createAppRouter(options: { layout: ReactNode; screens: RouteObject[] }) {
  return createBrowserRouter(
    [
      {
        element: options.layout,
        children: [
          {
            errorElement: <RouteErrorScreen />,
            children: [...options.screens, { path: '*', element: <NotFoundScreen /> }],
          },
        ],
      },
    ],
    { basename: appBasename(import.meta.env.BASE_URL) },
  );
}

/** Renders the app's router into index.html's `#root`: the whole of an app's start. */
export function mountAppRouter(router: ReturnType<typeof createAppRouter>): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
}
