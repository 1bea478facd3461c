// natural ships types only for its root module, and importing the root loads every
// back end it has (storage drivers, .env); these declare the two files we load directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    source: string,
    target: string,
    options?: { restricted?: boolean },
  ): number;
}
