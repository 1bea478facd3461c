#!/usr/bin/env node
// The built CLI lives in dist/ (npm install builds it); this shim keeps the bin stable.
import('../dist/main.js').catch((error) => {
  if (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('dist/main.js')
  ) {
    console.error(
      'callpulse: not built yet; run `npm install` (or `npm run build`) at the repository root',
    );
    process.exit(1);
  }
  throw error;
});
