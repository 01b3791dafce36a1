import type { RegistrationBody } from '../practitioners/professional-registration.js';

/** A small, believable registry: invented people and bodies, for trying the service locally. */
export const DEMO_ISSUERS = [
  {
    key: 'northshire',
    name: 'University of Northshire',
    kind: 'university',
    website: 'https://www.northshire.example',
    aliases: ['Northshire University'],
  },
  {
    key: 'faculty',
    name: 'Faculty of Clinical Informatics',
    kind: 'professional-body',
    website: 'https://fci.example',
    aliases: ['FCI'],
  },
  {
    key: 'academy',
    name: 'NHS Digital Leadership Academy',
    kind: 'academy',
    website: 'https://academy.example',
    aliases: [],
  },
] as const;

export type DemoIssuerKey = (typeof DEMO_ISSUERS)[number]['key'];

export interface DemoPerson {
  given: string;
  family: string;
  formerNames?: string[];
  dob: string;
  role: string;
  organisation: string;
  appointed: string;
  registration?: { body: RegistrationBody; number: string };
  degree?: { title: string; subject: string; level: number; result: string; year: number };
  certificate?: { title: string; year: number; issuer: DemoIssuerKey };
  cpdHours?: number;
}

const TRUSTS = [
  'Northshire Hospitals NHS Foundation Trust',
  'Southvale Community Health NHS Trust',
  'Eastmere University Hospitals NHS Trust',
  'Westbrook Integrated Care Board',
  'Riverside Mental Health NHS Foundation Trust',
];

const PEOPLE: [string, string, string, string][] = [
  ['Amelia', 'Hughes', 'CIO', '1974-03-12'],
  ['Rajesh', 'Patel', 'CCIO', '1969-11-02'],
  ['Siobhán', 'O’Connor', 'CNIO', '1978-06-21'],
  ['Tomasz', 'Nowak', 'CTO', '1981-01-30'],
  ['Grace', 'Okafor', 'CDO', '1976-09-14'],
  ['David', 'Lloyd', 'CMIO', '1965-04-08'],
  ['Fatima', 'Rahman', 'CAHPIO', '1983-12-19'],
  ['Owen', 'Price', 'CIO', '1972-07-07'],
  ['Chloé', 'Martin', 'CNIO', '1980-02-25'],
  ['Kwame', 'Mensah', 'CCIO', '1977-05-03'],
  ['Hannah', 'Schmidt', 'CDO', '1985-10-11'],
  ['Liam', 'Murphy', 'CTO', '1979-08-28'],
  ['Priya', 'Sharma', 'CMIO', '1982-03-17'],
  ['Eleanor', 'Whitfield', 'CIO', '1968-12-01'],
  ['Jamal', 'Ahmed', 'CCIO', '1975-06-09'],
  ['Zofia', 'Kowalska', 'CNIO', '1986-09-30'],
  ['Ben', 'Carter', 'CTO', '1984-04-22'],
  ['Aoife', 'Byrne', 'CAHPIO', '1979-01-15'],
  ['Samuel', 'Adeyemi', 'CDO', '1973-11-27'],
  ['Isabel', 'Fernández', 'CIO', '1971-02-08'],
  ['Nikhil', 'Rao', 'CMIO', '1980-10-05'],
  ['Catherine', 'Bell', 'CCIO', '1970-05-18'],
  ['Marcus', 'Reid', 'CIO', '1977-03-03'],
  ['Yasmin', 'Haddad', 'CNIO', '1988-07-12'],
  ['George', 'Turner', 'CDO', '1966-08-24'],
];

const REGISTRATION: Record<string, (i: number) => { body: RegistrationBody; number: string }> = {
  CCIO: (i) => ({ body: 'GMC', number: String(4_100_000 + i * 7919) }),
  CMIO: (i) => ({ body: 'GMC', number: String(6_200_000 + i * 7919) }),
  CNIO: (i) => ({
    body: 'NMC',
    number: `${String(10 + i).padStart(2, '0')}A${String(1000 + i * 37).padStart(4, '0')}E`,
  }),
  CAHPIO: (i) => ({ body: 'HCPC', number: `PH${String(100_000 + i * 311)}` }),
};

const CLINICAL = new Set(['CCIO', 'CMIO', 'CNIO', 'CAHPIO']);

export function demoPeople(): DemoPerson[] {
  return PEOPLE.map(([given, family, role, dob], i) => {
    const clinical = CLINICAL.has(role);
    const person: DemoPerson = {
      given,
      family,
      dob,
      role,
      organisation: TRUSTS[i % TRUSTS.length] ?? 'NHS Trust',
      appointed: `20${String(18 + (i % 7)).padStart(2, '0')}-0${(i % 9) + 1}-01`,
      registration: REGISTRATION[role]?.(i),
      degree: {
        title:
          [
            'MSc Health Informatics',
            'BSc Computer Science',
            'MBA Healthcare Management',
            'MSc Digital Health Leadership',
          ][i % 4] ?? 'MSc Health Informatics',
        subject:
          ['Health Informatics', 'Computer Science', 'Healthcare Management', 'Digital Health'][
            i % 4
          ] ?? 'Health Informatics',
        level: i % 4 === 1 ? 6 : 7,
        result:
          i % 4 === 1
            ? (['First', '2:1', '2:2'][i % 3] ?? '2:1')
            : (['Distinction', 'Merit', 'Pass'][i % 3] ?? 'Merit'),
        year: 2000 + (i % 15),
      },
      certificate: {
        title: clinical
          ? 'Clinical Informatics Leadership Certificate'
          : 'Digital Leadership Programme',
        year: 2019 + (i % 6),
        issuer: clinical ? 'faculty' : 'academy',
      },
      cpdHours: i % 6 === 5 ? 8 : 32,
    };
    if (i === 7) person.formerNames = ['Owen Pryce'];
    if (i === 2) person.formerNames = ['Siobhán Kelly'];
    if (i % 8 === 6) delete person.certificate;
    return person;
  });
}
