import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/app-error.js';
import { AuditEntriesReader } from './audit-entries.reader.js';
import { entryBody } from './audit-entry-row.js';
import { AuditTreeRepository } from './audit-tree.repository.js';
import { AuditProofsService } from './audit-proofs.service.js';
import { canonicalEntry } from './merkle.js';
import { TILE_HEIGHT, TILE_WIDTH, type TilePath } from './tile-path.js';

export interface Tile {
  body: Buffer;
  /** A full tile never changes; a partial one is replaced by a wider one as the log grows. */
  full: boolean;
}

/** C2SP tlog-tiles over the latest signed checkpoint: hash tiles and entry bundles. */
@Injectable()
export class AuditTilesService {
  constructor(
    private readonly proofs: AuditProofsService,
    private readonly reader: AuditEntriesReader,
    private readonly tree: AuditTreeRepository,
  ) {}

  async tile(path: TilePath): Promise<Tile> {
    const size = (await this.proofs.latestCheckpoint())?.size ?? 0;
    const available = Math.floor(size / TILE_WIDTH ** path.level);
    const start = path.index * TILE_WIDTH;
    const width = path.width ?? TILE_WIDTH;
    if (start + width > available) {
      throw new NotFoundError('AUDIT.TILE_NOT_FOUND', 'The log has no such tile yet.');
    }
    if (path.kind === 'hashes') {
      const hashes = await this.tree.run(path.level * TILE_HEIGHT, start, width);
      return { body: Buffer.concat(hashes), full: width === TILE_WIDTH };
    }
    const entries = await this.reader.range(undefined, start + 1, start + width);
    const bundle = entries.flatMap((e) => {
      const data = canonicalEntry(entryBody(e));
      const length = Buffer.alloc(2);
      length.writeUInt16BE(data.length);
      return [length, data];
    });
    return { body: Buffer.concat(bundle), full: width === TILE_WIDTH };
  }
}
