import type { Competence } from './competence.entity.js';
import type { RoleStandardDto, StandardCompetenceDto } from './dto/standard.dto.js';
import type { RoleStandard } from './role-standard.entity.js';
import type { Role } from './role.entity.js';
import type { CompetenceLevel, CompetenceRequirement } from './route-standing.js';

/** The framework's four levels, summarised in the registry's words. */
export const LEVEL_DESCRIPTIONS: Record<CompetenceLevel, string> = {
  awareness: 'Knows about the skill and how it is applied',
  working: 'Applies the skill, choosing the right tools and techniques',
  practitioner: 'Shares the skill with others and decides which methods fit',
  expert: 'A recognised specialist who leads others in the skill',
};

/** The public description of a role's standard as it stood on a date. */
export function standardView(
  role: Role,
  current: RoleStandard,
  versions: readonly RoleStandard[],
  competences: readonly Competence[],
  on: string,
): RoleStandardDto {
  const byCode = new Map(competences.map((c) => [c.code, c]));
  const describe = (list: readonly CompetenceRequirement[]): StandardCompetenceDto[] =>
    list.map((c) => ({
      competence: c.competence,
      name: byCode.get(c.competence)?.name ?? c.competence,
      level: c.level,
      levelDescription: LEVEL_DESCRIPTIONS[c.level],
    }));
  const registration = role.clinical && current.professionalRegistration;
  const plusRegistration = registration ? ', with a current professional registration' : '';
  const routes: RoleStandardDto['routes'] = [
    {
      route: 'qualification',
      title: 'Recognised qualification',
      description: `One or more qualifications from recognised certifying bodies whose programmes together evidence every competence at its level${current.qualifications.length > 0 ? ', or the named qualifications' : ''}${plusRegistration}.`,
      competences: describe(current.competences),
      qualifications: current.qualifications,
      professionalRegistration: registration,
    },
    {
      route: 'assessed-portfolio',
      title: 'Experience (assessed portfolio)',
      description: `A portfolio of roles held, with evidence and two referees, assessed by a recognised body against every competence${plusRegistration}.`,
      competences: describe(current.competences),
      qualifications: [],
      professionalRegistration: registration,
    },
  ];
  if (role.clinical && current.clinicalRoute !== null) {
    routes.push({
      route: 'clinical-registration',
      title: 'Clinical registration and a shorter programme',
      description:
        'A current professional registration (GMC, NMC, HCPC and others) and a shorter recognised programme evidencing the digital competences below.',
      competences: describe(current.clinicalRoute.competences),
      qualifications: [],
      professionalRegistration: true,
    });
  }
  const next = versions.find((v) => v.version === current.version + 1);
  const sources = [...new Set(competences.map((c) => `${c.framework} (${c.frameworkVersion})`))];
  return {
    role: role.code,
    title: role.title,
    clinical: role.clinical,
    on,
    version: current.version,
    effectiveFrom: current.effectiveFrom,
    supersededFrom: next?.effectiveFrom ?? null,
    note: current.note,
    competences: describe(current.competences),
    routes,
    cpdHoursPerYear: current.cpdHoursPerYear,
    graceDays: current.graceDays,
    versions: versions.map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      note: v.note,
    })),
    attribution:
      `Competences from the ${sources.join('; ')}. ${competences[0]?.licence ?? ''}`.trim(),
  };
}
