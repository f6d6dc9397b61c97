import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (apps/server) serves `dist/` in production; in development Vite serves the app
// and forwards API calls to the server on :3000, so both run with hot reload.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries every screen needs go in two long-cached chunks; feature libraries (the
        // canvas, charts) are left to the lazy chunks of the screens that import them.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
            },
            {
              name: 'libs',
              test: /node_modules[\\/](i18next|react-i18next|@tanstack[\\/](query-core|react-query)|zod)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
