import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Checks the configured auth header against the accepted tokens in constant time: both
 * sides are hashed first, so neither the length nor the content leaks through timing.
 */
export const createHeaderAuth = ({ header, tokens }: { header: string; tokens: string[] }) => {
  const accepted = tokens.map(digest);
  return (value: string | string[] | undefined): boolean => {
    if (typeof value !== 'string' || value === '') return false;
    const candidates = [value];
    // `Authorization: Bearer <token>`: accept the token configured with or without "Bearer ".
    if (header === 'authorization' && /^bearer /i.test(value))
      candidates.push(value.slice(7).trim());
    let ok = false;
    for (const candidate of candidates.map(digest)) {
      for (const token of accepted) ok = timingSafeEqual(candidate, token) || ok;
    }
    return ok;
  };
};
