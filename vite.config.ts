// Builds the React workbench (src/renderer) into dist/renderer, which the Node side
// serves in browser mode and Electron loads from file — hence the relative base.
//
// Development: start `marginalia serve --db FILE`, then
//   MARGINALIA_URL='<the printed URL>' npx vite
// and the dev server forwards /api and /download to it with the run's token.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

/** Proxy rules towards a running `marginalia serve`, from the URL it printed (with its token). */
function marginaliaProxy(printed: string | undefined): Record<string, ProxyOptions> | undefined {
  if (!printed) return undefined;
  const url = new URL(printed);
  const token = url.searchParams.get('token') ?? '';
  const options: ProxyOptions = {
    target: url.origin,
    changeOrigin: true,
    configure: (proxy) => {
      proxy.on('proxyReq', (request) => {
        // The server refuses foreign origins and wants its token; the dev server vouches for this tab.
        request.removeHeader('origin');
        request.setHeader('x-marginalia-token', token);
      });
    },
  };
  // With the trailing slash: /api-client.ts is a module of the workbench, not an API call.
  return { '/api/': options, '/download/': options };
}

/** The dev server injects an inline script (React refresh) that the production CSP refuses. */
const relaxCspInDev: Plugin = {
  name: 'marginalia-relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), relaxCspInDev],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
  },
  server: {
    proxy: marginaliaProxy(process.env.MARGINALIA_URL),
  },
});
