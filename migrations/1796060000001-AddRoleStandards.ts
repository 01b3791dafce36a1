import type { MigrationInterface, QueryRunner } from 'typeorm';

const FRAMEWORK = 'Government Digital and Data Profession Capability Framework';
const FRAMEWORK_VERSION = '2024-10-22';
const SOURCE = 'https://ddat-capability-framework.service.gov.uk/skills';
const LICENCE =
  'Contains public sector information licensed under the Open Government Licence v3.0 (Central Digital and Data Office). Skill names as published; descriptions summarised by the registry.';

/** A small subset of the framework's skills, enough to describe the leadership roles. */
const COMPETENCES: [string, string, string][] = [
  [
    'leadership-and-guidance',
    'Leadership and guidance',
    'Sets direction, builds teams and guides others to deliver outcomes.',
  ],
  [
    'strategic-thinking',
    'Strategic thinking',
    'Sets strategy and policy for a team or organisation and checks it keeps meeting business needs.',
  ],
  [
    'stakeholder-relationship-management',
    'Stakeholder relationship management',
    'Builds trust with the people a service depends on and manages their expectations.',
  ],
  [
    'financial-ownership',
    'Financial ownership',
    'Secures lasting funding through business cases, decides where money goes and manages financial risk.',
  ],
  [
    'financial-management',
    'Financial management',
    'Plans and controls budgets and shows value for money.',
  ],
  [
    'technical-understanding',
    'Technical understanding',
    'Understands the technologies in use well enough to weigh choices and their trade-offs.',
  ],
  [
    'information-security',
    'Information security',
    'Understands threats to information and leads the controls that keep it safe.',
  ],
  [
    'data-governance',
    'Data governance',
    'Sets the policies, roles and controls that keep data accurate, safe and usable.',
  ],
  [
    'data-ethics-and-privacy',
    'Data ethics and privacy',
    'Makes sure data is used lawfully, fairly and with respect for the people it describes.',
  ],
  [
    'user-focus',
    'User focus',
    'Puts the needs of patients, staff and other users at the centre of decisions.',
  ],
  [
    'agile-and-lean-practices',
    'Agile and Lean practices',
    'Leads teams that deliver in small steps, learn from users and improve continuously.',
  ],
];

type Level = 'awareness' | 'working' | 'practitioner' | 'expert';
const c = (competence: string, level: Level) => ({ competence, level });

const CLINICAL_CORE = [
  c('leadership-and-guidance', 'practitioner'),
  c('strategic-thinking', 'practitioner'),
  c('stakeholder-relationship-management', 'expert'),
  c('data-governance', 'practitioner'),
  c('data-ethics-and-privacy', 'practitioner'),
  c('user-focus', 'expert'),
  c('technical-understanding', 'working'),
];
/** What a shorter programme adds to a clinician's registration: the digital half of the role. */
const CLINICAL_SHORT = [
  c('strategic-thinking', 'practitioner'),
  c('data-governance', 'practitioner'),
  c('technical-understanding', 'working'),
];

const STANDARDS: Record<string, { competences: ReturnType<typeof c>[]; clinical?: true }> = {
  CIO: {
    competences: [
      c('leadership-and-guidance', 'expert'),
      c('strategic-thinking', 'expert'),
      c('stakeholder-relationship-management', 'expert'),
      c('financial-ownership', 'practitioner'),
      c('financial-management', 'practitioner'),
      c('information-security', 'practitioner'),
      c('technical-understanding', 'practitioner'),
    ],
  },
  CDO: {
    competences: [
      c('leadership-and-guidance', 'expert'),
      c('strategic-thinking', 'expert'),
      c('user-focus', 'expert'),
      c('agile-and-lean-practices', 'practitioner'),
      c('financial-ownership', 'practitioner'),
      c('data-governance', 'practitioner'),
    ],
  },
  CTO: {
    competences: [
      c('leadership-and-guidance', 'expert'),
      c('technical-understanding', 'expert'),
      c('information-security', 'expert'),
      c('strategic-thinking', 'practitioner'),
      c('financial-management', 'practitioner'),
      c('agile-and-lean-practices', 'practitioner'),
    ],
  },
  CCIO: { competences: CLINICAL_CORE, clinical: true },
  CNIO: { competences: CLINICAL_CORE, clinical: true },
  CMIO: { competences: CLINICAL_CORE, clinical: true },
  CAHPIO: { competences: CLINICAL_CORE, clinical: true },
};

/**
 * Role standards made of competences, as versioned data. The first version of each seeded role
 * keeps the role's requirements as they stood (its named qualifications, registration, CPD and
 * grace period), so nobody's standing moves when standards arrive; it is in force from the
 * register's first day. Programmes map to competences; credentials carry the mapping.
 */
export class AddRoleStandards1796060000001 implements MigrationInterface {
  name = 'AddRoleStandards1796060000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "competences" ("code" character varying(60) NOT NULL, "framework" character varying(200) NOT NULL, "framework_version" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL, "source_url" character varying(300) NOT NULL, "licence" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_competences" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "role_standards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "role_code" character varying(20) NOT NULL, "version" integer NOT NULL, "effective_from" date NOT NULL, "competences" jsonb NOT NULL, "qualifications" jsonb NOT NULL DEFAULT '[]', "clinical_route" jsonb, "professional_registration" boolean NOT NULL DEFAULT false, "cpd_hours_per_year" integer NOT NULL DEFAULT 0, "grace_days" integer NOT NULL DEFAULT 365, "note" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_role_standards" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_standards_role_version" ON "role_standards" ("role_code", "version") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_standards_role_effective" ON "role_standards" ("role_code", "effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programmes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "competences" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_programmes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_programmes_issuer_title" ON "programmes" ("issuer_id", "title") `,
    );
    await queryRunner.query(`ALTER TABLE "credentials" ADD "programme_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "credentials" ADD "competences" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_credentials_programme" ON "credentials" ("programme_id") `,
    );
    for (const [code, name, description] of COMPETENCES) {
      await queryRunner.query(
        `INSERT INTO "competences" ("code", "framework", "framework_version", "name", "description", "source_url", "licence")
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [code, FRAMEWORK, FRAMEWORK_VERSION, name, description, SOURCE, LICENCE],
      );
    }
    for (const [role, standard] of Object.entries(STANDARDS)) {
      await queryRunner.query(
        `INSERT INTO "role_standards" ("role_code", "version", "effective_from", "competences", "qualifications",
            "clinical_route", "professional_registration", "cpd_hours_per_year", "grace_days", "note")
         SELECT "code", 1, '2000-01-01', $2::jsonb, COALESCE("requirements" -> 'credentials', '[]'),
                $3::jsonb, "clinical" AND COALESCE(("requirements" ->> 'professionalRegistration')::boolean, false),
                COALESCE(("requirements" ->> 'cpdHoursPerYear')::numeric, 0)::integer,
                COALESCE(("requirements" ->> 'graceDays')::integer, 365),
                'First standard: the role''s requirements as they stood, described as competences'
           FROM "roles" WHERE "code" = $1`,
        [
          role,
          JSON.stringify(standard.competences),
          standard.clinical ? JSON.stringify({ competences: CLINICAL_SHORT }) : null,
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_credentials_programme"`);
    await queryRunner.query(`ALTER TABLE "credentials" DROP COLUMN "competences"`);
    await queryRunner.query(`ALTER TABLE "credentials" DROP COLUMN "programme_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_programmes_issuer_title"`);
    await queryRunner.query(`DROP TABLE "programmes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_standards_role_effective"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_standards_role_version"`);
    await queryRunner.query(`DROP TABLE "role_standards"`);
    await queryRunner.query(`DROP TABLE "competences"`);
  }
}
