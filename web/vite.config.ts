import { defineConfig } from 'vite';

// The server (cargo run -- serve) answers /api and /tiles; `npm run dev`
// proxies them so the client can be developed with hot reload.
export default defineConfig({
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/tiles': 'http://127.0.0.1:8080',
    },
  },
  test: { include: ['src/**/*.test.ts'] },
});
