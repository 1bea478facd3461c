export { webAssetsDir } from './assets-dir.js';
