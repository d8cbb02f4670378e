import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { firebaseWebPushOf } from '../src/push/firebase-web-push.ts';

/** An installable app: its manifest and its offline shell. */
export interface PwaOptions {
  name: string;
  shortName: string;
  description: string;
}

export interface AppConfigOptions {
  /** The app's folder (`import.meta.dirname` of its vite.config.ts), where `.env` files are read. */
  root: string;
  /** Where the gateway serves the app (`/admin/`); `VITE_BASE_PATH` overrides it, e.g. `/` on a static host. */
  base: string;
  pwa?: PwaOptions;
}

const gateway = 'http://127.0.0.1:3000';
const colours = { theme: '#4338ca', background: '#f5f6f8' };

/** The gateway's own paths and the other apps' (the user app's scope, `/`, covers them all). */
const gatewayPaths = [
  'api',
  'ws',
  'docs',
  'readyz',
  'healthz',
  'metrics',
  'razorpay-sim',
  'partner',
  'admin',
];

/** Paths in the app's scope that are not its screens: a navigation there must reach the network. */
const notScreensOf = (base: string) =>
  new RegExp(`^/(${gatewayPaths.filter((name) => base !== `/${name}/`).join('|')})(/|$)`);

/**
 * The Vite configuration of each of the three apps: React, the base path, the development proxy to the
 * gateway and, for the installable apps, the manifest and the service worker with its push handler.
 * Build-time settings (`VITE_API_ORIGIN`, `VITE_BASE_PATH`, `VITE_MAP_TILE_URL`, `VITE_FIREBASE_CONFIG` with
 * `VITE_FIREBASE_VAPID_KEY`) come from the environment or `.env` files; half a Firebase setting fails the build.
 */
export function defineAppConfig(options: AppConfigOptions) {
  return defineConfig(({ mode }): UserConfig => {
    const env = loadEnv(mode, options.root, 'VITE_');
    const base = env.VITE_BASE_PATH || options.base;
    // checked here, so a bad Firebase setting fails the build rather than the app on people's phones
    firebaseWebPushOf(env);
    return {
      base,
      plugins: [react(), ...(options.pwa ? [pwaPlugin(options.pwa, base), pushWorkerPlugin()] : [])],
      server: {
        proxy: {
          '/api': gateway,
          '/ws': { target: gateway, ws: true },
        },
      },
    };
  });
}

/** The push handlers, one script for both installable apps (why plain JS: its header). */
const pushWorker = 'push-worker.js';

/** Emits the push handlers beside the service worker, which loads them (`importScripts`). */
function pushWorkerPlugin(): Plugin {
  return {
    name: 'zefy-push-worker',
    apply: 'build',
    generateBundle() {
      const source = readFileSync(new URL(`../src/pwa/${pushWorker}`, import.meta.url), 'utf8');
      this.emitFile({ type: 'asset', fileName: pushWorker, source });
    },
  };
}

function pwaPlugin(pwa: PwaOptions, base: string) {
  return VitePWA({
    // the new version waits for the app's tabs to close: never a reload in the middle of a booking
    registerType: 'prompt',
    // registered by registerServiceWorker() in @zefy/web-kit/pwa, which also hands out the registration
    injectRegister: false,
    includeAssets: ['icon.svg', 'apple-touch-icon.png'],
    manifest: {
      name: pwa.name,
      short_name: pwa.shortName,
      description: pwa.description,
      start_url: base,
      scope: base,
      display: 'standalone',
      orientation: 'portrait',
      background_color: colours.background,
      theme_color: colours.theme,
      lang: 'en-IN',
      icons: [
        { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // the app shell only: scripts, styles, pages, images. No runtime caching at all, so API answers and
      // the WebSocket always go to the network (stale bookings or prices are worse than an offline banner)
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [notScreensOf(base)],
      cleanupOutdatedCaches: true,
      // relative to the service worker's own URL, so it follows the base path
      importScripts: [pushWorker],
    },
  });
}
