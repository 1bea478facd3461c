import { fileURLToPath } from 'node:url';

/**
 * Where the built browser app lives (index.html, app.js, app.css): `npm run build` bundles
 * packages/web/app into it, so the api serves every asset itself and no page needs the
 * internet.
 */
export const webAssetsDir = fileURLToPath(new URL('./app/', import.meta.url));
