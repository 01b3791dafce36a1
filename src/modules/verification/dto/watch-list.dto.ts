import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CreateWatchListDto {
  @ApiProperty({
    example: 'DL12345671',
    description: 'A practitioner whose share code your organisation redeemed',
  })
  @IsString()
  @MaxLength(30)
  registerNumber: string;

  @ApiPropertyOptional({
    example: 'https://hr.example.nhs.uk/hooks/registry',
    description: 'HTTPS; omit to use the pull feed only',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  webhookUrl?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Also mail you (the colleague creating it) about each change',
  })
  @IsOptional()
  @IsBoolean()
  emailNotices?: boolean;
}

export class UpdateWatchListDto {
  @ApiProperty({ description: 'Mail the colleague who set up the watch-list about each change' })
  @IsBoolean()
  emailNotices: boolean;
}

export class WatchListDto {
  @ApiProperty() id: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty({ description: 'The purpose of the share code this watch rests on' })
  purpose: string;
  @ApiPropertyOptional({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ description: 'Whether each change is also mailed to whoever set it up' })
  emailNotices: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWatchListDto extends WatchListDto {
  @ApiProperty({ description: 'HMAC-SHA256 key for X-Registry-Signature; shown once' })
  secret: string;
}

export class WatchListPageDto {
  @ApiProperty({ type: [WatchListDto] }) items: WatchListDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FeedQueryDto {
  @ApiPropertyOptional({ default: 0, description: 'The last seq you have seen' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class WatchEventDto {
  @ApiProperty({ description: 'Position in this feed; pass it as `after`' }) seq: number;
  @ApiProperty({ description: 'Stable event id (also X-Registry-Event-Id on webhooks)' })
  id: string;
  @ApiProperty({
    enum: [
      'credential.issued',
      'credential.status-changed',
      'practitioner.status-changed',
      'claim.decided',
      'role-standing.changed',
    ],
  })
  type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty() data: object;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'feed-only'] }) delivery: string;
}

export class WatchEventPageDto {
  @ApiProperty({ type: [WatchEventDto] }) items: WatchEventDto[];
  @ApiProperty({ description: 'Pass as `after` for the next page' }) next: number;
}
