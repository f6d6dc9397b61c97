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
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
