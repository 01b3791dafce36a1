export const OPEN_DATA_LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  attribution:
    'Contains public sector information from the digital leadership certification register, licensed under the Open Government Licence v3.0.',
} as const;

export const SNAPSHOT_FILES = ['register.jsonl.gz', 'register.csv.gz'] as const;
export const MANIFEST_FILES = ['manifest.json', 'manifest.jws'] as const;
