// Bundles the Lit workbench (web-components/main.ts) with esbuild into dist/web/ for the service to serve at `/`.
// No CDN: everything the page needs is in dist/web (index.html, app.js, app.js.map). `--watch` rebuilds on change.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'web');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  entryPoints: { app: 'web-components/main.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  tsconfig: 'tsconfig.json',
  minify: !watch,
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      // The page reuses the engine's pure modules (diff, expectations); nothing Node-only may reach the bundle.
      name: 'no-node-builtins',
      setup(build) {
        build.onResolve({ filter: /^node:/ }, (args) => ({
          errors: [{ text: `${args.path} imported by ${args.importer}: the web bundle must not use Node modules` }],
        }));
        // The page reaches the engine only through its browser-safe entry, server/engine/browser.ts.
        build.onResolve({ filter: /server\/engine\// }, (args) =>
          /[\\/]web-components[\\/]/.test(args.importer) && !/server\/engine\/browser\.js$/.test(args.path)
            ? {
                errors: [
                  { text: `${args.path} imported by ${args.importer}: the web imports the engine through server/engine/browser.ts` },
                ],
              }
            : undefined,
        );
      },
    },
  ],
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await copyFile(join(root, 'web-components', 'index.html'), join(outdir, 'index.html'));

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching web-components → ${outdir}`);
} else {
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0);
  console.log(`built ${outdir} (${Math.round(bytes / 1024)} KiB incl. source map)`);
}
