import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json above `from`. Templates and assets are not compiled, and the
 * compiled code lands in dist/, .build/<name>/ or is run from source by Jest, so paths are
 * resolved from the project root rather than from the running file.
 */
export function findProjectRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
}

export interface WebPaths {
  views: string;
  nhsukDist: string;
  nhsukAssets: string;
  publicAssets: string;
}

export function webPaths(root: string = findProjectRoot()): WebPaths {
  const nhsukDist = path.join(root, 'node_modules', 'nhsuk-frontend', 'dist');
  return {
    views: path.join(root, 'src', 'modules', 'web', 'views'),
    nhsukDist,
    nhsukAssets: path.join(nhsukDist, 'nhsuk', 'assets'),
    publicAssets: path.join(root, 'src', 'modules', 'web', 'public'),
  };
}
