import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Checks a header value against the accepted tokens in constant time: both sides are
 * hashed first, so neither the length nor the content leaks through timing. Several
 * tokens allow rotation without downtime.
 *
 * With `bearer: 'required'` the value must read `Bearer <token>` (the API); with
 * `'optional'` an `authorization` header may carry the token with or without the scheme
 * (the provider's "Additional Headers" setting is free text).
 */
export const createTokenCheck = ({
  tokens,
  bearer = 'optional',
}: {
  tokens: string[];
  bearer?: 'required' | 'optional' | 'none';
}) => {
  const accepted = tokens.map(digest);
  return (value: string | string[] | undefined): boolean => {
    if (typeof value !== 'string' || value === '') return false;
    const scheme = /^bearer\s+/i.exec(value);
    const candidates: string[] = [];
    if (bearer !== 'required') candidates.push(value);
    if (bearer !== 'none' && scheme) candidates.push(value.slice(scheme[0].length).trim());
    let ok = false;
    // Every candidate against every token, without an early exit: timing says nothing.
    for (const candidate of candidates.map(digest)) {
      for (const token of accepted) ok = timingSafeEqual(candidate, token) || ok;
    }
    return ok;
  };
};
