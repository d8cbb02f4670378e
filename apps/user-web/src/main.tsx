import '@zefy/web-kit/styles.css';
import './app.css';
import { registerServiceWorker } from '@zefy/web-kit/pwa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);

void registerServiceWorker();

// a page restored from the back-forward cache (back from checkout) shows what it showed when left: load it
// afresh, as the booking may have changed meanwhile
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
