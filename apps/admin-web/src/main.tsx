import '@zefy/web-kit/styles.css';
import { mountAppRouter } from '@zefy/web-kit';
import { router } from './app.tsx';

mountAppRouter(router);
