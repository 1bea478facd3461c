/** Luhn (mod 10) check over `digits[start, end)`; digits must be ASCII 0-9. */
export const luhnValid = (digits: string, start = 0, end = digits.length): boolean => {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return end > start && sum % 10 === 0;
};
