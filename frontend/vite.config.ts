import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { strictPort: false },
  // The postmortem editor is imported lazily, so the dev server's first scan
  // does not see its packages; without this it would pre-bundle them on the
  // tab's first opening, answer 504 to the requests in flight and reload
  // the page (what a fresh clone's end-to-end run hit).
  optimizeDeps: {
    include: [
      '@codemirror/commands',
      '@codemirror/lang-markdown',
      '@codemirror/language',
      '@codemirror/lint',
      '@codemirror/search',
      '@codemirror/state',
      '@codemirror/view',
      '@lezer/highlight',
      'diff',
    ],
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
