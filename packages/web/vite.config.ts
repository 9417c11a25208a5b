import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = { '/api': 'http://127.0.0.1:3000' };

export default defineConfig({
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: { outDir: 'dist', emptyOutDir: true },
});
