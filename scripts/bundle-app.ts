// Bundles the compiled app (dist/src) into a few files, dist/bundle/app/, for `npm start`: Node
// spent about 1.2 s of every start finding, reading and linking some 2,000 module files one by one.
// Called by prepare-dist after the incremental compile; it does nothing when the bundle is newer
// than every compiled file, the lockfile and this script. The test suite's app and the benches run
// the bundle too (scripts/app-entry.ts); Jest's in-process specs and the CLI scripts use dist/src.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

// Kept out of the bundle and loaded from node_modules at run time:
// - PGlite and its socket server find their WebAssembly and data files beside their own modules;
// - Nest loads class-validator and class-transformer itself, and the app's decorators must
//   register in that same copy;
// - swagger-ui-dist serves files from its own folder;
// - the AWS SDK, imported only when evidence goes to S3: bundled, its CommonJS exports came out
//   of the lazy import() without S3Client;
// - TypeORM loads its driver, pg, by name at run time, and the app sets pg's type parsers: both
//   must hold the same copy.
const EXTERNAL = [
  'pg',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@electric-sql/pglite-socket',
  'class-validator',
  'class-transformer',
  'class-transformer/*',
  'swagger-ui-dist',
  '@aws-sdk/*',
];

/** Optional packages a dependency imports inside try/catch (Nest's microservices, pg-native…). */
const absentStayExternal: Plugin = {
  name: 'absent-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return undefined;
      try {
        createRequire(args.importer || import.meta.url).resolve(args.path);
        return undefined;
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

/** CommonJS files that find their own files through __dirname keep their real location. */
const ownLocation: Plugin = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const where =
        `var __dirname = ${JSON.stringify(path.dirname(args.path))}, ` +
        `__filename = ${JSON.stringify(args.path)};\n`;
      return { contents: where + text, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * @nestjs/typeorm reaches for two legacy TypeORM exports with a run-time require('typeorm'), which
 * would load a second, unbundled TypeORM (about 300 files) at every start: it gets the bundled one.
 */
const oneTypeorm: Plugin = {
  name: 'one-typeorm',
  setup(build) {
    build.onLoad({ filter: /@nestjs[\\/]typeorm[\\/].*typeorm-compat\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const call = "require('typeorm')";
      if (!text.includes(call)) return undefined;
      return {
        contents: `import * as bundledTypeorm from 'typeorm';\n${text.replace(call, 'bundledTypeorm')}`,
        loader: 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

// keepNames has esbuild call __name(fn, "fn") wherever a function or class is made, closures
// included, so in hot paths on every request (about 0.1 ms of CPU per claim check); nearly all
// already carry that name, and defining it again is what costs.
const NAME_HELPER =
  'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
const NAME_HELPER_CHEAP =
  'var __name = (target, value) => target.name === value ? target : __defProp(target, "name", { value, configurable: true });';

/** Has the bundle's __name skip functions that already carry the name (the same result, cheaper). */
function cheapenNameHelper(outdir: string): void {
  let patched = 0;
  for (const file of fs.readdirSync(outdir)) {
    if (!file.endsWith('.js')) continue;
    const full = path.join(outdir, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(NAME_HELPER)) continue;
    fs.writeFileSync(full, text.replace(NAME_HELPER, NAME_HELPER_CHEAP));
    patched += 1;
  }
  if (patched === 0)
    console.warn("bundle-app: esbuild's __name helper has changed; bundle left unpatched");
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestChange(file));
    else if (entry.name.endsWith('.js')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Writes dist/bundle/app/main.js (and the embedded database's worker beside it). The bundle sits two
 * levels below dist/, as dist/src/<folder>/ does, so paths the code finds from its own location
 * (dist/migrations, dist/embedded-template) stay the same.
 */
export async function bundleApp(dist: string, root: string): Promise<boolean> {
  const outdir = path.join(dist, 'bundle', 'app');
  const entry = path.join(outdir, 'main.js');
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  const lockfile = fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;
  // This script too: a change to how the bundle is made must remake it.
  const bundler = fs.statSync(fileURLToPath(import.meta.url)).mtimeMs;
  if (built > Math.max(newestChange(path.join(dist, 'src')), lockfile, bundler)) return false;
  const { build } = await import('esbuild');
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: path.join(dist, 'src', 'main.js'),
      'embedded-postgres.worker': path.join(dist, 'src', 'database', 'embedded-postgres.worker.js'),
    },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Nest and TypeORM go by class names (providers, entities), so names are kept.
    keepNames: true,
    logLevel: 'error',
    external: EXTERNAL,
    plugins: [absentStayExternal, oneTypeorm, ownLocation],
    // CommonJS dependencies call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
  });
  cheapenNameHelper(outdir);
  return true;
}
