import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { today } from '../credentials/credentials.service.js';
import { StandingService } from '../credentials/standing.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { nameAsOf } from './name-history.js';
import { RegisterFactsRepository } from './register-facts.repository.js';
import { type SignedCredentialForms, TrustService } from '../trust/trust.service.js';

// Our own terms, defined inline so the document is signed and checked without fetching anything.
const NS = 'https://schema.digital-leadership-registry.org/ns#';
const EXTRACT_CONTEXT = {
  RegisterExtract: `${NS}RegisterExtract`,
  registerNumber: `${NS}registerNumber`,
  fullName: `${NS}fullName`,
  registerStatus: `${NS}registerStatus`,
  asOf: `${NS}asOf`,
  roles: { '@id': `${NS}roles`, '@container': '@set' },
  role: `${NS}role`,
  title: `${NS}title`,
  standing: `${NS}standing`,
  requirementsMet: `${NS}requirementsMet`,
  requirementsTotal: `${NS}requirementsTotal`,
};

/**
 * A practitioner's register extract: their register status and standing for each role as of a
 * date, signed by the registry like a credential, so a trust board can check it offline.
 */
@Injectable()
export class RegisterExtractService {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly standing: StandingService,
    private readonly trust: TrustService,
    private readonly facts: RegisterFactsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async signedExtract(
    practitionerId: string,
    on: string | undefined,
  ): Promise<SignedCredentialForms> {
    const asOf = on ?? today();
    if (asOf > today()) {
      throw new ValidationError(
        'EXTRACT.FUTURE_DATE',
        'An extract can be made for today or a past date.',
        [{ field: 'on', message: 'must not be in the future' }],
      );
    }
    const [practitioner, standings, facts] = await Promise.all([
      this.practitioners.getById(practitionerId),
      this.standing.standingsFor(practitionerId, asOf),
      this.facts.byIds(this.dataSource, [practitionerId]),
    ]);
    // The name as it stood on the extract's date (the end of that day), not today's.
    const instant = asOf === today() ? new Date() : new Date(`${asOf}T23:59:59.999Z`);
    const name = nameAsOf(practitioner, facts[0]?.names ?? [], instant);
    const document = {
      '@context': ['https://www.w3.org/ns/credentials/v2', EXTRACT_CONTEXT],
      type: ['VerifiableCredential', 'RegisterExtract'],
      validFrom: new Date().toISOString(),
      credentialSubject: {
        registerNumber: practitioner.registerNumber,
        fullName: `${name.givenName} ${name.familyName}`,
        registerStatus: practitioner.registerStatus,
        asOf,
        roles: standings
          .filter((s) => s.appointed || s.result.standing !== 'not-certified')
          .map((s) => ({
            role: s.role.code,
            title: s.role.title,
            standing: s.result.standing,
            requirementsMet: s.result.requirementsMet,
            requirementsTotal: s.result.requirementsTotal,
          })),
      },
    };
    return this.trust.signRegistryDocument(document);
  }
}
