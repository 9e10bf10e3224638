import { Command } from 'commander';
import { resolve } from 'node:path';
import { openProject } from '../store/connection.js';
import { defaultStaticDir, isRendererBuilt, startBrowserMode } from '../server/browser-mode.js';
import { parsePort, say, warn } from './options.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('browser mode: serve the workbench on http://127.0.0.1 (this machine only)')
    .requiredOption('--db <file>', 'project file (created if missing)')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort, 0)
    .option('--static <dir>', 'the built workbench (default: dist/renderer)')
    .action(async (opts: { db: string; port: number; static?: string }) => {
      const staticDir = opts.static ? resolve(opts.static) : defaultStaticDir();
      if (!isRendererBuilt(staticDir)) warn(`the workbench is not built in ${staticDir}: run \`npx vite build\` (npm start does it)`);
      const db = openProject(opts.db);
      const server = await startBrowserMode({ db, dbPath: resolve(opts.db), port: opts.port, staticDir });
      say(`Marginalia is running at ${server.url}`);
      say('Open that link in a browser on this machine. Press Ctrl-C to stop.');
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(() => {
            db.close();
            done();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
