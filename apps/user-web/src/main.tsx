import '@zefy/web-kit/styles.css';
import './app.css';
import { mountAppRouter } from '@zefy/web-kit';
import { registerServiceWorker } from '@zefy/web-kit/pwa';
import { router } from './app.tsx';

mountAppRouter(router);

void registerServiceWorker();

// a page restored from the back-forward cache (back from checkout) shows what it showed when left: load it
// afresh, as the booking may have changed meanwhile
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
