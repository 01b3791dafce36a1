import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { StatisticsService } from './statistics.service.js';

class CountDto {
  @ApiProperty({ example: 'assessed-portfolio' }) key: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Null when under 10' })
  count: number | null;
}

class RoleStatisticsDto {
  @ApiProperty({ example: 'CIO' }) role: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Null when under 10' })
  certified: number | null;
  @ApiProperty({
    type: [CountDto],
    description: 'Per route (requirements: a role with no standard)',
  })
  byRoute: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Per year the certifying credential was awarded' })
  byYear: CountDto[];
}

class StatisticsDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ example: 10 }) suppressedBelow: number;
  @ApiProperty({ type: [RoleStatisticsDto] }) roles: RoleStatisticsDto[];
}

@ApiTags('Role standards and routes')
@Controller(`${API_PREFIX}/statistics`)
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: StatisticsDto })
  current(): Promise<StatisticsDto> {
    return this.statistics.current();
  }
}
