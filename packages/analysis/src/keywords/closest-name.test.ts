import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.js';

describe('closestName', () => {
  const fields = ['term', 'match', 'slop', 'maxDistance'];

  it('finds a name that differs in case or by a typo', () => {
    expect(closestName('maxdistance', fields)).toBe('maxDistance');
    expect(closestName('Slop', fields)).toBe('slop');
    expect(closestName('maxDistanse', fields)).toBe('maxDistance');
    expect(closestName('lable', ['label', 'list', 'rule'])).toBe('label');
    expect(closestName('sinse', ['since', 'until', 'apply'])).toBe('since');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestName('colour', fields)).toBeUndefined();
    expect(closestName('x', ['id', 'rule'])).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
