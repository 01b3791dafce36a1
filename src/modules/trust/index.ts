// Pure cryptography of the trust module (no Nest, no database): import from here.
export * from './key-material.js';
export * from './did-web.js';
export * from './document-loader.js';
export * from './vc-jwt.js';
export * from './data-integrity.js';
export * from './status-list.js';
export * from './trust-errors.js';
