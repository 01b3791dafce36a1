import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import {
  ApiKeyCreatedDto,
  ApiKeyDto,
  CreateApiKeyDto,
  CreateIssuerDto,
  CreateStaffDto,
  IssuerAliasesDto,
  IssuerDto,
  IssuerStatusDto,
  StaffDto,
} from './dto/issuer.dto.js';
import { IssuersService } from './issuers.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('Certifying bodies and credentials')
@Controller(`${API_PREFIX}/issuers`)
export class IssuersController {
  constructor(private readonly issuers: IssuersService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [IssuerDto], description: 'Recognised certifying bodies' })
  async list(): Promise<IssuerDto[]> {
    return (await this.issuers.list()).map((i) => IssuerDto.from(i));
  }

  @Get('all')
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [IssuerDto], description: 'Every certifying body, suspended ones too' })
  @ApiProblems(401, 403)
  async listAll(): Promise<IssuerDto[]> {
    return (await this.issuers.list(true)).map((i) => IssuerDto.from(i));
  }

  @Put(':id/aliases')
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems(400, 401, 403, 404)
  async setAliases(
    @Id() id: string,
    @Body() body: IssuerAliasesDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<IssuerDto> {
    return IssuerDto.from(await this.issuers.setAliases(id, body.aliases, by));
  }

  @Post()
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: IssuerDto })
  @ApiProblems(400, 401, 403, 409)
  async create(
    @Body() body: CreateIssuerDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<IssuerDto> {
    return IssuerDto.from(await this.issuers.create(body, by));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async setStatus(
    @Id() id: string,
    @Body() body: IssuerStatusDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<IssuerDto> {
    return IssuerDto.from(await this.issuers.setStatus(id, body, by));
  }

  @Get(':id/staff')
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [StaffDto] })
  @ApiProblems(401, 403, 404)
  async listStaff(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<StaffDto[]> {
    return (await this.issuers.listStaff(id, by)).map((u) => ({
      id: u.id,
      email: u.email,
      issuerId: id,
    }));
  }

  @Post(':id/staff')
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: StaffDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async addStaff(
    @Id() id: string,
    @Body() body: CreateStaffDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<StaffDto> {
    const user = await this.issuers.addStaff(id, body, by);
    return { id: user.id, email: user.email, issuerId: id };
  }

  @Post(':id/api-keys')
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiProblems(400, 401, 403, 404)
  createApiKey(
    @Id() id: string,
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ApiKeyCreatedDto> {
    return this.issuers.createApiKey(id, body.label ?? null, by);
  }

  @Get(':id/api-keys')
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems(401, 403, 404)
  async listApiKeys(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<ApiKeyDto[]> {
    return (await this.issuers.listApiKeys(id, by)).map((k) => ({
      id: k.id,
      hint: k.hint,
      label: k.label,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
    }));
  }

  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(401, 403, 404)
  revokeApiKey(
    @Id() id: string,
    @Param('keyId', new ParseUUIDPipe()) keyId: string,
    @CurrentPrincipal() by: Principal,
  ): Promise<void> {
    return this.issuers.revokeApiKey(id, keyId, by);
  }
}
