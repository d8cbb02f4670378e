import '@zefy/web-kit/styles.css';
import { mountAppRouter } from '@zefy/web-kit';
import { registerServiceWorker } from '@zefy/web-kit/pwa';
import { router } from './app.tsx';

mountAppRouter(router);

void registerServiceWorker();
