import { AppError } from '../../common/errors/app-error.js';

export type VcForm = 'jwt' | 'data-integrity';

export interface Negotiated {
  form: VcForm;
  contentType: string;
}

const OFFERS: { type: string; form: VcForm }[] = [
  { type: 'application/vc+jwt', form: 'jwt' },
  { type: 'application/vc', form: 'data-integrity' },
  { type: 'application/ld+json', form: 'data-integrity' },
  { type: 'application/json', form: 'data-integrity' },
];
const DEFAULT: Negotiated = { form: 'data-integrity', contentType: 'application/ld+json' };

/**
 * Picks the credential form from Accept: `application/vc+jwt` gives the JWT, `application/vc` or
 * `application/ld+json` (and no Accept, or a wildcard) the JSON-LD with a Data Integrity proof.
 */
export function negotiateVcForm(accept: string | undefined): Negotiated {
  if (!accept || accept.trim() === '') return DEFAULT;
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    const offer = OFFERS.find((o) => o.type === range.type);
    if (offer) return { form: offer.form, contentType: offer.type };
    if (range.type === '*/*' || range.type === 'application/*') return DEFAULT;
  }
  throw new AppError(
    'VC.NOT_ACCEPTABLE',
    406,
    'Not acceptable',
    `Available as ${OFFERS.map((o) => o.type).join(', ')}.`,
  );
}
