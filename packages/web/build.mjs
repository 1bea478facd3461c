// Bundles the browser app (TypeScript, uPlot and CSS) into dist/app with esbuild; type
// checking is tsc's job (tsconfig.app.json, run by `npm run lint`).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = `${here}dist/app`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: `${here}app/main.ts` },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: out,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(`${here}app/index.html`, `${out}/index.html`);
