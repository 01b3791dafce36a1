import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ description: 'Leaf index + 1' }) seq: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'credential.revoked' }) action: string;
  @ApiProperty({ enum: ['user', 'api-key', 'system'] }) actorType: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and codes only' })
  data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'hex RFC 9162 leaf hash' })
  hash: string | null;
}

export class AuditEntriesDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ description: 'First seq asked for' }) from: number;
  @ApiProperty({ description: 'Last seq asked for (at most from + 999)' }) to: number;
  @ApiProperty({ description: 'Entries in the whole log' }) total: number;
  @ApiPropertyOptional({ description: 'Where the next page starts, when there is one' })
  next?: number;
}

export class AuditCheckpointDto {
  @ApiProperty() size: number;
  @ApiProperty({ description: 'hex RFC 9162 root of the tree of the first `size` entries' })
  rootHash: string;
  @ApiProperty({ description: 'The C2SP signed note' }) note: string;
  @ApiProperty() kid: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditCheckpointsDto {
  @ApiProperty({ type: [AuditCheckpointDto] }) items: AuditCheckpointDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class InclusionProofDto {
  @ApiProperty({ description: 'Leaf index (0-based: seq − 1)' }) index: number;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'hex root of the tree of `size` leaves' }) rootHash: string;
  @ApiProperty({ type: [String], description: 'hex hashes, RFC 9162 §2.1.3.1 order' })
  proof: string[];
}

export class ConsistencyProofDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [String], description: 'hex hashes, RFC 9162 §2.1.4.1 order' })
  proof: string[];
}
