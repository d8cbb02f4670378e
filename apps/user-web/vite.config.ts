import { defineAppConfig } from '../../packages/web-kit/vite/app-config.ts';

// imported by path: Vite loads its config with Node, which runs no TypeScript from node_modules.
// The gateway serves this app's dist/ at /
export default defineAppConfig({
  root: import.meta.dirname,
  base: '/',
  pwa: { name: 'Zefy', shortName: 'Zefy', description: 'Book trusted home services at your door' },
});
