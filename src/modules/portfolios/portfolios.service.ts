import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { MailService } from '../mail/mail.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { addDays } from '../roles/iso-date.js';
import { RoleStandardsService } from '../roles/role-standards.service.js';
import { TrustUrls } from '../trust/trust-urls.js';
import type {
  AssessmentDto,
  CreatePortfolioDto,
  PortfolioDto,
  PortfolioPageDto,
  PortfolioQueryDto,
  RefereeAnswerDto,
} from './dto/portfolio.dto.js';
import { PortfolioReferee } from './portfolio-referee.entity.js';
import { Portfolio } from './portfolio.entity.js';
import {
  type FoundReferee,
  refereeAtVerifiedEmployer,
  refereeOnRegister,
} from './referee-lookup.js';

const LINK_DAYS = 14;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const today = () => new Date().toISOString().slice(0, 10);
const notFound = () => new NotFoundError('PORTFOLIO.NOT_FOUND', 'There is no such portfolio.');

/** The experience route: a practitioner's portfolio, two referees by email, a body's decision. */
@Injectable()
export class PortfoliosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly standards: RoleStandardsService,
    private readonly issuers: IssuersService,
    private readonly credentials: CredentialsService,
    private readonly register: RegisterReadModel,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly urls: TrustUrls,
  ) {}

  async create(by: Principal, input: CreatePortfolioDto): Promise<PortfolioDto> {
    const practitionerId = by.practitionerId ?? '';
    await this.standards.standardOn(input.roleCode, today());
    const assessor = await this.issuers.get(input.assessorIssuerId);
    if (assessor.status !== 'recognised') {
      throw new ValidationError(
        'PORTFOLIO.ASSESSOR_NOT_RECOGNISED',
        'That body is not recognised.',
        [{ field: 'assessorIssuerId', message: 'not a recognised certifying body' }],
      );
    }
    const id = await this.dataSource.transaction(async (m) => {
      const found = await Promise.all(
        input.referees.map((r) => this.findReferee(m, r, practitionerId)),
      );
      if (new Set(found.map((f) => f.email.toLowerCase())).size !== found.length) {
        throw new ValidationError('PORTFOLIO.SAME_REFEREE', 'Name two different referees.', [
          { field: 'referees', message: 'the same person twice' },
        ]);
      }
      const portfolio = await m.save(
        m.create(Portfolio, {
          practitionerId,
          roleCode: input.roleCode,
          assessorIssuerId: assessor.id,
          status: 'draft',
          rolesHeld: input.rolesHeld.map((r) => ({ ...r, to: r.to ?? null })),
          evidence: input.evidence.map((e) => ({ title: e.title, description: e.description })),
          decision: null,
          credentialId: null,
          submittedAt: null,
        }),
      );
      await m.save(
        found.map((f, i) =>
          m.create(PortfolioReferee, {
            portfolioId: portfolio.id,
            kind: input.referees[i]?.kind ?? 'register',
            name: f.name,
            email: f.email,
            relationship: input.referees[i]?.relationship ?? '',
            registerNumber: input.referees[i]?.registerNumber ?? null,
            organisationId: f.organisationId,
          }),
        ),
      );
      await this.audit.record(m, {
        action: 'portfolio.created',
        ...actorOf(by),
        entityType: 'portfolio',
        entityId: portfolio.id,
      });
      return portfolio.id;
    });
    return this.get(id, by);
  }

  private async findReferee(
    m: EntityManager,
    r: CreatePortfolioDto['referees'][number],
    practitionerId: string,
  ): Promise<FoundReferee> {
    const found =
      r.kind === 'register'
        ? r.registerNumber
          ? await refereeOnRegister(m, r.registerNumber.toUpperCase(), practitionerId)
          : null
        : r.email
          ? await refereeAtVerifiedEmployer(m, r.email)
          : null;
    if (!found) {
      throw new ValidationError(
        'PORTFOLIO.REFEREE_NOT_ELIGIBLE',
        'A referee must be on the register (another person) or work for a verified employer.',
        [
          {
            field: 'referees',
            message: `not eligible: ${r.registerNumber ?? r.email ?? 'none given'}`,
          },
        ],
      );
    }
    return found;
  }

  /** Portfolios a body was asked to assess (the registrar sees all), newest submission first. */
  async list(by: Principal, q: PortfolioQueryDto): Promise<PortfolioPageDto> {
    const where = {
      ...(by.role === 'registrar' ? {} : { assessorIssuerId: by.issuerId ?? '' }),
      ...(q.status ? { status: q.status } : {}),
    };
    const [rows, total] = await this.dataSource.manager.findAndCount(Portfolio, {
      where,
      order: { submittedAt: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const items = await Promise.all(rows.map((p) => this.get(p.id, by)));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string, by: Principal): Promise<PortfolioDto> {
    const m = this.dataSource.manager;
    const portfolio = await m.findOneBy(Portfolio, { id });
    if (!portfolio || !canSee(portfolio, by)) throw notFound();
    const referees = await m.find(PortfolioReferee, {
      where: { portfolioId: id },
      order: { name: 'ASC' },
    });
    const [row] = await m.query<{ register_number: string }[]>(
      `SELECT register_number FROM practitioners WHERE id = $1`,
      [portfolio.practitionerId],
    );
    return toDto(portfolio, referees, row?.register_number ?? '');
  }

  /** Submits for assessment and mails each referee a single-use link, in one transaction. */
  async submit(id: string, by: Principal): Promise<PortfolioDto> {
    await this.dataSource.transaction(async (m) => {
      const portfolio = await m.findOne(Portfolio, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!portfolio || portfolio.practitionerId !== by.practitionerId) throw notFound();
      if (portfolio.status !== 'draft') {
        throw new ConflictError(
          'PORTFOLIO.ALREADY_SUBMITTED',
          'This portfolio was already submitted.',
        );
      }
      portfolio.status = 'submitted';
      portfolio.submittedAt = new Date();
      await m.save(portfolio);
      const [applicant] = await m.query<{ name: string }[]>(
        `SELECT given_name || ' ' || family_name AS name FROM practitioners WHERE id = $1`,
        [portfolio.practitionerId],
      );
      for (const referee of await m.findBy(PortfolioReferee, { portfolioId: id })) {
        const token = randomBytes(32).toString('base64url');
        referee.tokenHash = hash(token);
        referee.tokenExpiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000);
        await m.save(referee);
        const link = `${this.urls.baseUrl}/referees/answer?token=${token}`;
        await this.mail.queue(m, {
          kind: 'portfolio-referee',
          to: referee.email,
          subject: `Reference request: ${applicant?.name ?? 'a practitioner'} (${portfolio.roleCode})`,
          text: [
            `${applicant?.name ?? 'A practitioner'} has named you as a referee for the ${portfolio.roleCode} experience route of the digital leadership register (${referee.relationship}).`,
            '',
            `Confirm or decline here (the link works once, for ${LINK_DAYS} days):`,
            link,
            '',
            'Your answer, with your name and the time, is shown to the body assessing the portfolio.',
          ].join('\n'),
        });
      }
      await this.audit.record(m, {
        action: 'portfolio.submitted',
        ...actorOf(by),
        entityType: 'portfolio',
        entityId: id,
      });
    });
    return this.get(id, by);
  }

  /** A referee's answer through their link: accepted once, while the link is in date. */
  answer(input: RefereeAnswerDto): Promise<{ answer: string; answeredAt: string }> {
    return this.dataSource.transaction(async (m) => {
      const referee = await m.findOne(PortfolioReferee, {
        where: { tokenHash: hash(input.token) },
        lock: { mode: 'pessimistic_write' },
      });
      const expired = !referee?.tokenExpiresAt || referee.tokenExpiresAt.getTime() < Date.now();
      if (!referee || expired || referee.answer !== null) {
        throw new NotFoundError(
          'PORTFOLIO.LINK_NOT_VALID',
          'This link has been used, has expired or is not valid.',
        );
      }
      referee.answer = input.answer;
      referee.comment = input.comment?.trim() || null;
      referee.answeredAt = new Date();
      referee.tokenHash = null;
      await m.save(referee);
      await this.audit.record(m, {
        action: 'portfolio.referee-answered',
        actorType: 'system',
        actorId: null,
        entityType: 'portfolio',
        entityId: referee.portfolioId,
        data: { referee: referee.id, answer: input.answer },
      });
      return { answer: referee.answer, answeredAt: referee.answeredAt.toISOString() };
    });
  }

  /** The assessing body's decision; certified portfolios become assessed-portfolio credentials. */
  async assess(id: string, by: Principal, input: AssessmentDto): Promise<PortfolioDto> {
    const portfolio = await this.dataSource.manager.findOneBy(Portfolio, { id });
    if (!portfolio || by.issuerId !== portfolio.assessorIssuerId) throw notFound();
    const [{ role, current }, assessor] = await Promise.all([
      this.standards.standardOn(portfolio.roleCode, today()),
      this.issuers.get(portfolio.assessorIssuerId),
    ]);
    await this.dataSource.transaction(async (m) => {
      const locked = await m.findOne(Portfolio, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked?.status !== 'submitted') {
        throw new ConflictError(
          'PORTFOLIO.NOT_AWAITING_ASSESSMENT',
          'This portfolio is not awaiting assessment.',
        );
      }
      const referees = await m.findBy(PortfolioReferee, { portfolioId: id });
      if (input.outcome === 'certified' && !referees.every((r) => r.answer === 'confirmed')) {
        throw new ConflictError(
          'PORTFOLIO.REFEREES_NOT_CONFIRMED',
          'Both referees must confirm before a portfolio can be certified.',
        );
      }
      locked.status = input.outcome;
      locked.decision = {
        outcome: input.outcome,
        reasons: input.reasons,
        assessedBy: assessor.name,
        assessedAt: new Date().toISOString(),
      };
      if (input.outcome === 'certified') {
        const [credential] = await this.credentials.insertIssued(
          m,
          by,
          assessor.id,
          assessor.name,
          [
            {
              practitionerId: locked.practitionerId,
              kind: 'certificate',
              title: `${role.title}: experience route (assessed portfolio)`,
              awardedOn: today(),
              validUntil: input.validUntil ?? addDays(today(), 3 * 365),
              assessed: { competences: current.competences },
            },
          ],
        );
        locked.credentialId = credential?.id ?? null;
      }
      await m.save(locked);
      await this.audit.record(m, {
        action: 'portfolio.assessed',
        ...actorOf(by),
        entityType: 'portfolio',
        entityId: id,
        data: { outcome: input.outcome },
      });
      await this.register.refresh(m, [locked.practitionerId]);
    });
    return this.get(id, by);
  }
}

function canSee(p: Portfolio, by: Principal): boolean {
  return (
    by.role === 'registrar' ||
    p.practitionerId === by.practitionerId ||
    (by.role === 'issuer' && by.issuerId === p.assessorIssuerId)
  );
}

function toDto(p: Portfolio, referees: PortfolioReferee[], registerNumber: string): PortfolioDto {
  return {
    id: p.id,
    registerNumber,
    roleCode: p.roleCode,
    assessorIssuerId: p.assessorIssuerId,
    status: p.status,
    rolesHeld: p.rolesHeld,
    evidence: p.evidence,
    referees: referees.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      relationship: r.relationship,
      registerNumber: r.registerNumber,
      status: r.answer ?? (r.tokenExpiresAt ? 'awaiting' : 'not-asked'),
      comment: r.comment,
      answeredBy: r.answer ? r.email : null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
    })),
    decision: p.decision,
    credentialId: p.credentialId,
    submittedAt: p.submittedAt?.toISOString() ?? null,
  };
}
