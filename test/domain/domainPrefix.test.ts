import assert from 'node:assert/strict';
import { prefixCandidates, prefixFromCompanyName } from '../../src/domain/domainPrefix.js';

describe('domain prefix suggestions', () => {
  const cases: [string, string | undefined][] = [
    ['Contoso Elementary School', 'contosoelementary'],
    ['École Saint-Exupéry', 'ecolesaintexupery'],
    ['The University of Fabrikam', 'universityfabrikam'],
    ['Fabrikam Hogeschool B.V.', 'fabrikamhogeschool'],
    ['The School', 'theschool'],
    ['Northwind Traders International Academy of Music', 'northwindtradersinternation'],
    ['!!!', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`suggests ${expected ?? 'nothing'} for "${name}"`, () => {
      const prefix = prefixFromCompanyName(name);
      assert.equal(prefix, expected);
      if (prefix) assert.match(prefix, /^[a-z0-9]{1,27}$/);
    });
  }

  it('numbers further candidates within 27 characters', () => {
    const candidates = prefixCandidates('a'.repeat(27));
    assert.deepEqual(
      [0, 1, 2].map(() => candidates.next().value),
      ['a'.repeat(27), 'a'.repeat(26) + '2', 'a'.repeat(26) + '3'],
    );
  });
});
