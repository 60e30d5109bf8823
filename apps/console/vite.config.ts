import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The Customer 360 console: built to apps/console/dist and served by the gateway at /console
 * (same origin as /graphql). `npm start` builds it when the bundle is missing or stale (build.ts).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `npx vite apps/console` for development: /graphql goes to the gateway of `npm start`.
  server: { port: 5173, proxy: { '/graphql': 'http://127.0.0.1:4000' }, fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
});
