/** Which passages the search page reads next (src/lib/search/reading.ts). */
import { describe, expect, it } from 'vitest';
import { passagesToRead } from '../../src/lib/search/reading.ts';

describe('passagesToRead', () => {
  it('reads the next passages in order while fewer than a screen of clauses is in hand', () => {
    expect(passagesToRead([9, 8, 7, 6], [5, 4], 3, 2)).toEqual([0, 1]);
    expect(passagesToRead([1], [], 3, 2)).toEqual([0]);
  });

  it('then reads only the passages whose best clause could beat the last clause of the screen, best first', () => {
    // The screen's last (3rd) clause scores 2: passages bounded by 3 and 2.5 could beat it, 1 and 2 not.
    expect(passagesToRead([1, 3, 2, 2.5], [6, 5, 2, 1], 3, 5)).toEqual([1, 3]);
    expect(passagesToRead([1, 3, 2, 2.5], [6, 5, 2, 1], 3, 1)).toEqual([1]);
    expect(passagesToRead([1, 2], [6, 5, 4], 3, 5)).toEqual([]);
  });
});
