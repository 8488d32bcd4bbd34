import { print } from 'graphql';
import { operation } from '../../src/graphql/documents';

const SOURCE = `
query A { a { ...F } }
query B { b }
fragment F on T { x ...G }
fragment G on T { y }
fragment H on T { z }
`;

describe('operation', () => {
  it('takes one operation with the fragments it spreads, transitively, and no others', () => {
    const names = operation(SOURCE, 'A').definitions.map((d) => ('name' in d ? d.name?.value : undefined));
    expect(names).toEqual(['A', 'F', 'G']);
    expect(print(operation(SOURCE, 'B'))).toBe('query B {\n  b\n}');
  });

  it('fails loudly for an operation the document does not hold', () => {
    expect(() => operation(SOURCE, 'C')).toThrow('operation C is not in its document');
  });
});
