/**
 * How deep JSON may nest before it is refused unread. Webhook bodies are two or three
 * levels deep; parsing is not recursive, but everything that walks the value afterwards
 * is (canonical event ids, validation), and a few kilobytes of brackets exhaust its stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Deepest bracket nesting of JSON text outside strings: one linear pass, no recursion. */
export const nestingDepth = (text: string): number => {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
};
