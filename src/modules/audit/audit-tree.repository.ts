import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { nodeId, type NodeKey } from './merkle.js';

const INSERT_CHUNK = 2000;

/** The stored complete-subtree hashes of the Merkle log (table audit_tree_nodes). */
@Injectable()
export class AuditTreeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The nodes asked for, by nodeId; a key with no stored node is absent from the map. */
  async nodes(m: EntityManager | undefined, keys: NodeKey[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (keys.length === 0) return found;
    const rows = await (m ?? this.dataSource.manager).query<
      { level: number; node_index: string; hash: Buffer }[]
    >(
      `SELECT n.level, n.node_index, n.hash FROM audit_tree_nodes n
        JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, node_index)
          ON n.level = k.level AND n.node_index = k.node_index`,
      [keys.map((k) => k.level), keys.map((k) => k.index)],
    );
    for (const r of rows) found.set(nodeId(r.level, Number(r.node_index)), r.hash);
    return found;
  }

  async insert(m: EntityManager, nodes: Map<string, Buffer>): Promise<void> {
    const all = [...nodes.entries()].map(([id, hash]) => {
      const [level, index] = id.split('/').map(Number);
      return { level, index, hash };
    });
    for (let i = 0; i < all.length; i += INSERT_CHUNK) {
      const chunk = all.slice(i, i + INSERT_CHUNK);
      await m.query(
        `INSERT INTO audit_tree_nodes (level, node_index, hash)
         SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
        [chunk.map((n) => n.level), chunk.map((n) => n.index), chunk.map((n) => n.hash)],
      );
    }
  }

  /** Hashes at one level, from `start`, at most `count`, in order (a tile). */
  async run(level: number, start: number, count: number): Promise<Buffer[]> {
    const rows = await this.dataSource.query<{ hash: Buffer }[]>(
      `SELECT hash FROM audit_tree_nodes WHERE level = $1 AND node_index >= $2 AND node_index < $3
        ORDER BY node_index`,
      [level, start, start + count],
    );
    return rows.map((r) => r.hash);
  }
}
