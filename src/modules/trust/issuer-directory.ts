import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface IssuerFacts {
  id: string;
  name: string;
  website: string | null;
  status: string;
}

/**
 * Read-only facts about certifying bodies, by SQL: trust sits below the issuers module in the
 * module map (issuers calls trust to get a key), so it cannot import IssuersService.
 */
@Injectable()
export class IssuerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string): Promise<IssuerFacts | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [row] = await this.dataSource.query<IssuerFacts[]>(
      `SELECT id, name, website, status FROM issuers WHERE id = $1`,
      [id],
    );
    return row;
  }
}
