/**
 * The one script the pages load, as progressive enhancement only: every page works without it.
 * Kept here as text (not a .js file) so it is served with the NHS.UK bundle's exact version.
 */
export function webScript(nhsukVersion: string): string {
  return [
    `import { initAll } from './nhsuk-frontend-${nhsukVersion}.min.js';`,
    'initAll();',
    "for (const button of document.querySelectorAll('[data-app-print]')) {",
    '  button.hidden = false;',
    "  button.addEventListener('click', () => window.print());",
    '}',
    '',
  ].join('\n');
}
