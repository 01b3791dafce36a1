import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../../config/configuration.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { Principal } from '../auth/principal.js';
import { User } from '../auth/user.entity.js';
import { UsersService } from '../auth/users.service.js';
import { ClaimsService } from '../claims/claims.service.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import type { IssueCredentialDto } from '../credentials/dto/issue-credential.dto.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { StartupTasksService } from '../health/startup-tasks.service.js';
import { DEMO_ISSUERS, type DemoIssuerKey, demoPeople } from './demo-data.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  note: string;
}

const password = () => randomBytes(9).toString('base64url');

/**
 * Fills an empty registry with demo data through the same services the API uses, so every row
 * has its history, audit events and outbox events. The embedded default seeds itself on first
 * start; a PostgreSQL server only when asked (`npm run seed:demo`). Seeding runs while the server
 * already listens: it takes seconds (a password hash per account), and `/health/ready` says not
 * ready until it is done.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DemoSeedService.name);
  private seeding: Promise<void> = Promise.resolve();

  constructor(
    @Inject(databaseConfig.KEY) private readonly config: DatabaseConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly issuers: IssuersService,
    private readonly practitioners: PractitionersService,
    private readonly credentials: CredentialsService,
    private readonly claims: ClaimsService,
    private readonly organisations: OrganisationsService,
    private readonly startup: StartupTasksService,
  ) {}

  get loginsFile(): string {
    return path.join(this.config.dataDir, 'demo-logins.json');
  }

  /**
   * The demo logins, if this registry was seeded here: the file may be left from a run on another
   * database, so only logins whose accounts exist in the database in use are given.
   */
  async logins(): Promise<DemoLogin[]> {
    let saved: DemoLogin[];
    try {
      saved = JSON.parse(fs.readFileSync(this.loginsFile, 'utf8')) as DemoLogin[];
    } catch {
      return [];
    }
    if (saved.length === 0) return [];
    const found = await this.dataSource.query<{ email: string }[]>(
      `SELECT email FROM users WHERE email = ANY($1::text[])`,
      [saved.map((l) => l.email)],
    );
    const present = new Set(found.map((r) => r.email));
    return saved.filter((l) => present.has(l.email));
  }

  async onApplicationBootstrap(): Promise<void> {
    const wanted = this.config.seedDemo ?? !this.config.url;
    if (!wanted) return;
    // Decided before the server listens, so nothing a first request writes can be taken for data.
    const [{ n }] = await this.dataSource.query<{ n: string }[]>(
      'SELECT count(*)::text AS n FROM practitioners',
    );
    if (Number(n) > 0) return;
    this.logger.log('Empty registry: adding demo data');
    this.seeding = this.seedAndSaveLogins();
    this.startup.track('demo data', this.seeding);
  }

  /** Resolves once demo data asked for at start-up is in (at once when none was); rejects if it failed. */
  whenSeeded(): Promise<void> {
    return this.seeding;
  }

  /** A half-seeded registry would never be seeded again (it has practitioners): finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.seeding.catch(() => undefined);
  }

  private async seedAndSaveLogins(): Promise<void> {
    const logins = await this.seed();
    fs.mkdirSync(this.config.dataDir, { recursive: true });
    fs.writeFileSync(this.loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
    this.logger.log(`Demo data added; logins in ${this.loginsFile}`);
  }

  async seed(): Promise<DemoLogin[]> {
    const logins: DemoLogin[] = [];
    const registrar = await this.ensureRegistrar(logins);
    const staff = new Map<DemoIssuerKey, Principal>();
    for (const body of DEMO_ISSUERS) {
      const issuer = await this.issuers.create(
        { name: body.name, kind: body.kind, website: body.website, aliases: [...body.aliases] },
        registrar,
      );
      const secret = password();
      const email = `staff@${body.key}.demo`;
      const user = await this.issuers.addStaff(issuer.id, { email, password: secret }, registrar);
      logins.push({ role: 'issuer', email, password: secret, note: body.name });
      staff.set(body.key, {
        kind: 'user',
        id: user.id,
        role: 'issuer',
        practitionerId: null,
        issuerId: issuer.id,
        organisationId: null,
      });
    }
    const employerPassword = password();
    const employer = await this.accounts.register({
      accountType: 'employer',
      email: 'hr@northshire-trust.demo',
      password: employerPassword,
      organisationName: 'Northshire Hospitals NHS Foundation Trust',
    });
    // The demo logins are for trying the service at once: no confirmation mail to follow first.
    await this.users.confirmEmail(this.dataSource.manager, employer.id);
    await this.organisations.verify(employer.organisationId ?? '', registrar);
    logins.push({
      role: 'employer',
      email: 'hr@northshire-trust.demo',
      password: employerPassword,
      note: 'verified organisation',
    });

    const issuerOf = (key: DemoIssuerKey) => staff.get(key) as Principal;
    let key = 0;
    const issue = (by: Principal, body: Omit<IssueCredentialDto, 'registration'>) =>
      this.credentials.issue(by, body, `demo-${++key}`);
    const people = demoPeople();
    for (const [i, person] of people.entries()) {
      const secret = password();
      const email =
        `${person.given}.${person.family}`
          .toLowerCase()
          .normalize('NFKD')
          .replace(/[^a-z.]/g, '') + '@practitioner.demo';
      const account = await this.accounts.register({
        email,
        password: secret,
        givenName: person.given,
        familyName: person.family,
        dateOfBirth: person.dob,
      });
      await this.users.confirmEmail(this.dataSource.manager, account.id);
      if (i < 3)
        logins.push({
          role: 'practitioner',
          email,
          password: secret,
          note: `${person.given} ${person.family}, ${person.role}, ${account.registerNumber ?? ''}, born ${person.dob}`,
        });
      const registerNumber = account.registerNumber ?? '';
      const practitioner = await this.practitioners.getByRegisterNumber(registerNumber);
      const self: Principal = {
        kind: 'user',
        id: account.id,
        role: 'practitioner',
        practitionerId: practitioner.id,
        issuerId: null,
        organisationId: null,
      };
      await this.practitioners.updateOwn(
        practitioner.id,
        {
          formerNames: person.formerNames,
          registrations: person.registration ? [person.registration] : [],
          appointments: [
            {
              roleCode: person.role,
              organisation: person.organisation,
              startDate: person.appointed,
            },
          ],
          visibility: person.formerNames ? { formerNames: true } : undefined,
        },
        self,
      );
      if (person.degree) {
        await issue(issuerOf('northshire'), {
          registerNumber,
          kind: 'degree',
          title: person.degree.title,
          subject: person.degree.subject,
          level: person.degree.level,
          result: person.degree.result,
          awardedOn: `${person.degree.year}-07-01`,
          issuerReference: `NSU-${person.degree.year}-${1000 + i}`,
        });
      }
      if (person.certificate) {
        await issue(issuerOf(person.certificate.issuer), {
          registerNumber,
          kind: 'certificate',
          title: person.certificate.title,
          awardedOn: `${person.certificate.year}-03-15`,
          validUntil: `${person.certificate.year + 5}-03-15`,
          issuerReference: `CERT-${1000 + i}`,
        });
      }
      if (person.cpdHours) {
        const recent = new Date(Date.now() - (40 + i) * 86_400_000).toISOString().slice(0, 10);
        await issue(issuerOf('faculty'), {
          registerNumber,
          kind: 'cpd',
          title: 'Leadership CPD record',
          cpdHours: person.cpdHours,
          awardedOn: recent,
          issuerReference: `CPD-${1000 + i}`,
        });
      }
      await this.storyFor(i, registerNumber, self, issuerOf, issue, registrar);
    }
    logins.push({
      role: 'registrar',
      email: 'registrar@registry.demo',
      password: logins.find((l) => l.role === 'registrar')?.password ?? '',
      note: 'runs the register',
    });
    return dedupe(logins);
  }

  /** The cases an employer should be able to see: a pending claim, a rejected one, a revoked and an expired credential. */
  private async storyFor(
    i: number,
    registerNumber: string,
    self: Principal,
    issuerOf: (key: DemoIssuerKey) => Principal,
    issue: (
      by: Principal,
      body: Omit<IssueCredentialDto, 'registration'>,
    ) => Promise<{ body: { id: string } }>,
    registrar: Principal,
  ): Promise<void> {
    const northshire = issuerOf('northshire');
    if (i === 7) {
      // The CIO with the invented degree: claimed, then rejected by the awarding body.
      const claim = await this.claims.declare(self, {
        issuerId: northshire.issuerId ?? undefined,
        kind: 'degree',
        title: 'MSc Information Systems Management',
        subject: 'Information Systems',
        level: 7,
        result: 'Distinction',
        awardedOn: '2008-07-01',
      });
      await this.claims.reject(
        northshire,
        claim.id,
        'No student of this name completed this programme',
      );
    }
    if (i === 4) {
      await this.claims.declare(self, {
        issuerId: northshire.issuerId ?? undefined,
        kind: 'degree',
        title: 'PhD Digital Health',
        subject: 'Digital Health',
        level: 8,
        awardedOn: '2019-11-30',
      });
    }
    if (i === 11) {
      await this.claims.declare(self, {
        awardingBody: 'Ealing Imperial University of Excellence',
        kind: 'degree',
        title: 'MBA',
        level: 7,
        awardedOn: '2015-06-30',
      });
    }
    if (i === 13) {
      const revoked = await issue(issuerOf('academy'), {
        registerNumber,
        kind: 'certificate',
        title: 'Senior Digital Leadership Award',
        awardedOn: '2021-05-01',
        issuerReference: 'ACAD-REV-1',
      });
      await this.credentials.changeStatus(revoked.body.id, 'revoke', issuerOf('academy'), {
        reason: 'Awarded in error: assessment not completed',
      });
    }
    if (i === 14) {
      await issue(issuerOf('faculty'), {
        registerNumber,
        kind: 'certificate',
        title: 'Clinical Safety Officer Certificate',
        awardedOn: '2018-02-01',
        validUntil: '2021-02-01',
        issuerReference: 'FCI-EXP-1',
      });
    }
    if (i === 20) {
      await this.practitioners.changeStatus(
        registerNumber,
        {
          status: 'registered-with-conditions',
          reason: 'Fitness to practise review',
          conditions: 'Must complete the clinical safety refresher by March 2027',
        },
        registrar,
      );
    }
  }

  private async ensureRegistrar(logins: DemoLogin[]): Promise<Principal> {
    let user = await this.dataSource.manager.findOneBy(User, { role: 'registrar' });
    if (!user) {
      const secret = password();
      user = await this.dataSource.transaction((m) =>
        this.users.create(
          m,
          { email: 'registrar@registry.demo', password: secret, role: 'registrar' },
          null,
        ),
      );
      logins.push({
        role: 'registrar',
        email: user.email,
        password: secret,
        note: 'runs the register',
      });
    }
    return {
      kind: 'user',
      id: user.id,
      role: 'registrar',
      practitionerId: null,
      issuerId: null,
      organisationId: null,
    };
  }
}

function dedupe(logins: DemoLogin[]): DemoLogin[] {
  const seen = new Set<string>();
  return logins.filter((l) => l.password && !seen.has(l.email) && seen.add(l.email));
}
