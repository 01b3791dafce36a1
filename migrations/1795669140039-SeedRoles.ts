import type { MigrationInterface, QueryRunner } from 'typeorm';

const degree = (minLevel: number, description: string) => ({
  kind: 'degree',
  minLevel,
  description,
});
const certificate = (description: string) => ({ kind: 'certificate', description });

/** The leadership roles the register starts with; the registrar changes them through the API. */
const ROLES = [
  [
    'CIO',
    'Chief Information Officer',
    false,
    [
      degree(6, 'A degree at bachelor level or above'),
      certificate('A recognised digital leadership certificate'),
    ],
    false,
    30,
  ],
  [
    'CCIO',
    'Chief Clinical Information Officer',
    true,
    [certificate('A recognised clinical informatics leadership certificate')],
    true,
    30,
  ],
  [
    'CNIO',
    'Chief Nursing Information Officer',
    true,
    [certificate('A recognised clinical informatics leadership certificate')],
    true,
    30,
  ],
  [
    'CMIO',
    'Chief Medical Information Officer',
    true,
    [certificate('A recognised clinical informatics leadership certificate')],
    true,
    30,
  ],
  [
    'CDO',
    'Chief Digital Officer',
    false,
    [
      degree(7, 'A master’s degree or above'),
      certificate('A recognised digital leadership certificate'),
    ],
    false,
    30,
  ],
  [
    'CTO',
    'Chief Technology Officer',
    false,
    [
      degree(6, 'A degree at bachelor level or above'),
      certificate('A recognised technology leadership certificate'),
    ],
    false,
    30,
  ],
  [
    'CAHPIO',
    'Chief Allied Health Professions Information Officer',
    true,
    [certificate('A recognised clinical informatics leadership certificate')],
    true,
    30,
  ],
] as const;

export class SeedRoles1795669140039 implements MigrationInterface {
  name = 'SeedRoles1795669140039';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [
      code,
      title,
      clinical,
      credentials,
      professionalRegistration,
      cpdHoursPerYear,
    ] of ROLES) {
      const requirements = {
        credentials,
        professionalRegistration,
        cpdHoursPerYear,
        graceDays: 365,
      };
      await queryRunner.query(
        `INSERT INTO "roles" ("code", "title", "clinical", "requirements") VALUES ($1, $2, $3, $4)
         ON CONFLICT ("code") DO NOTHING`,
        [code, title, clinical, JSON.stringify(requirements)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "roles" WHERE "code" = ANY($1)`, [ROLES.map((r) => r[0])]);
  }
}
