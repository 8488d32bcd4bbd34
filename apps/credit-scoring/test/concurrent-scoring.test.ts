import { bad, useScoringSubgraph } from './support/subgraph';

const subgraph = useScoringSubgraph();
const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score probabilityOfDefault reasons { code } } }';
const PROFILE = 'query ($id: ID!) { customer(id: $id) { creditProfile { score probabilityOfDefault reasons { code } } } }';

// On PostgreSQL the calls run in concurrent transactions; on PGlite (one session) they take turns.
it('leaves a profile scored from every month when one customer\'s months are sent in concurrent calls', async () => {
  for (let round = 0; round < 3; round++) {
    const id = await subgraph.onboard();
    const results = await Promise.all(bad.map((statement) => subgraph.run(SCORE, { id, s: [statement] })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const profile = (await subgraph.run(PROFILE, { id })).data?.customer.creditProfile;
    // the same month again, alone: a score from everything stored
    const settled = (await subgraph.run(SCORE, { id, s: [bad[0]] })).data?.scoreCustomer;
    expect(profile).toEqual(settled);
  }
});
