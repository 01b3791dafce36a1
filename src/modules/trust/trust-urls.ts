import { Inject, Injectable } from '@nestjs/common';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { didWeb } from './did-web.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import type { KeyOwner } from './key-owner.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Every public identifier the registry mints, derived from PUBLIC_URL (default
 * http://localhost:<port>): did:web DIDs (the port encoded as %3A), status list and credential URLs.
 */
@Injectable()
export class TrustUrls {
  readonly baseUrl: string;
  /** host[:port], as did:web and the checkpoint origin use it. */
  readonly host: string;
  readonly registryDid: string;
  private readonly issuerDidPattern: RegExp;
  private readonly statusListPattern: RegExp;

  constructor(@Inject(httpConfig.KEY) http: HttpConfig) {
    const url = new URL(http.publicUrl ?? `http://localhost:${http.port}`);
    this.baseUrl = `${url.protocol}//${url.host}`;
    this.host = url.host;
    this.registryDid = didWeb(this.host);
    this.issuerDidPattern = new RegExp(`^${escape(this.registryDid)}:issuers:(${UUID})$`);
    this.statusListPattern = new RegExp(`^${escape(this.statusListBase())}/(${UUID})$`);
  }

  didFor(owner: KeyOwner): string {
    return owner.kind === 'registry'
      ? this.registryDid
      : didWeb(this.host, ['issuers', owner.issuerId]);
  }

  /** The owner behind one of our DIDs, or undefined for anyone else's. */
  ownerOfDid(did: string): KeyOwner | undefined {
    if (did === this.registryDid) return { kind: 'registry' };
    const match = this.issuerDidPattern.exec(did);
    return match ? { kind: 'issuer', issuerId: match[1] } : undefined;
  }

  statusListUrl(listId: string): string {
    return `${this.statusListBase()}/${listId}`;
  }

  /** The list id behind one of our status list URLs, or undefined. */
  statusListIdOf(url: string): string | undefined {
    return this.statusListPattern.exec(url)?.[1];
  }

  credentialUrl(credentialId: string): string {
    return `${this.baseUrl}/${API_PREFIX}/credentials/${credentialId}`;
  }

  get checkpointOrigin(): string {
    return `${this.host}/audit`;
  }

  private statusListBase(): string {
    return `${this.baseUrl}/${API_PREFIX}/status-lists`;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
