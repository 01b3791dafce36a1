/** What `npm start` runs: the bundled app (scripts/bundle-app.ts), relative to the project root. */
export const APP_ENTRY = 'dist/bundle/app/main.js';
