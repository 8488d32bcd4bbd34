import { GraphQLError } from 'graphql';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ALLOCATION_SIMULATION, ALLOCATION_SIMULATIONS, APPLY_ALLOCATION, SIMULATE_ALLOCATION } from '../../src/graphql/allocation';
import { AllocationPage } from '../../src/pages/allocation/AllocationPage';
import { simulation } from '../support/fixtures';
import { renderPage, sessionFor } from '../support/render';

const summary = ({ id, method, policyVersion, budget, status, createdBy, createdAt, appliedAt, __typename }: ReturnType<typeof simulation>) => ({
  __typename,
  id,
  method,
  policyVersion,
  budget,
  status,
  createdBy,
  createdAt,
  appliedAt,
});
/** A page of the list: the newest without `after`, older ones after a cursor. */
const listMock = (nodes: ReturnType<typeof simulation>[], { after, hasNextPage = false }: { after?: string; hasNextPage?: boolean } = {}) => ({
  request: { query: ALLOCATION_SIMULATIONS, variables: after ? { first: 20, after } : { first: 20 } },
  result: {
    data: {
      allocationSimulations: {
        __typename: 'AllocationSimulationConnection',
        edges: nodes.map((node) => ({ __typename: 'AllocationSimulationEdge', cursor: `cursor-${node.id}`, node: summary(node) })),
        pageInfo: { __typename: 'PageInfo', endCursor: nodes.length > 0 ? `cursor-${nodes.at(-1)!.id}` : null, hasNextPage },
      },
    },
  },
});
const simulateMock = {
  request: { query: SIMULATE_ALLOCATION, variables: { input: { method: 'OPTIMISER', budget: '15000000.00' } } },
  result: { data: { simulateAllocation: simulation() } },
};

async function runSimulation() {
  await screen.findByText('No simulations yet.');
  fireEvent.change(screen.getByLabelText('Budget (CNY)'), { target: { value: '15000000' } });
  fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
  return screen.findByTestId('simulation-result');
}

describe('Allocation', () => {
  it('opens a listed simulation with its details', async () => {
    renderPage(<AllocationPage />, {
      mocks: [listMock([simulation()]), { request: { query: ALLOCATION_SIMULATION, variables: { id: 'sim-1' } }, result: { data: { allocationSimulation: simulation() } } }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'View' }));
    expect(await within(await screen.findByTestId('champion-totals')).findByText('¥16,221,500.00')).toBeTruthy();
    // an optimiser run names no policy version
    expect(screen.queryByTestId('simulation-policy-version')).toBeNull();
  });

  it('lists older simulations on request, appended after the newest, until there are none', async () => {
    const older = { ...simulation('APPLIED'), id: 'sim-0', createdBy: 'dev-admin' };
    renderPage(<AllocationPage />, { mocks: [listMock([simulation()], { hasNextPage: true }), listMock([older], { after: 'cursor-sim-1' })] });
    const list = screen.getByTestId('simulation-list');
    const createdBy = () => within(list).getAllByRole('row').slice(1).map((row) => (row as HTMLTableRowElement).cells[4]!.textContent);
    fireEvent.click(await within(list).findByRole('button', { name: 'Show more' }));
    expect(within(list).getByRole('button', { name: 'Show more' })).toHaveProperty('disabled', true);
    await waitFor(() => expect(createdBy()).toEqual(['dev-analyst', 'dev-admin']));
    expect(within(list).queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('offers no older simulations when the first page is all there is', async () => {
    renderPage(<AllocationPage />, { mocks: [listMock([simulation()])] });
    await within(screen.getByTestId('simulation-list')).findByRole('button', { name: 'View' });
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('says which policy version a POLICY run tried', async () => {
    const tried = { ...simulation(), method: 'POLICY' as const, policyVersion: 3 };
    renderPage(<AllocationPage />, {
      mocks: [listMock([tried]), { request: { query: ALLOCATION_SIMULATION, variables: { id: 'sim-1' } }, result: { data: { allocationSimulation: tried } } }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'View' }));
    expect((await screen.findByTestId('simulation-policy-version')).textContent).toBe(' · Policy version 3');
  });

  it('runs a simulation and compares champion and challenger; an analyst cannot apply', async () => {
    renderPage(<AllocationPage />, { mocks: [listMock([]), simulateMock, listMock([simulation()])] });
    const result = await runSimulation();
    expect(within(screen.getByTestId('champion-totals')).getByText('¥16,221,500.00')).toBeTruthy();
    expect(within(screen.getByTestId('challenger-totals')).getByText('¥14,900,000.00')).toBeTruthy();
    expect(within(result).getByRole('img', { name: 'Champion vs challenger' })).toBeTruthy();
    expect(within(result).getByRole('img', { name: 'By segment (tier)' })).toBeTruthy();
    expect(within(result).queryByRole('button', { name: 'Apply to all lines' })).toBeNull();
  });

  it('holds expected loss to the champion when asked, and shows the cap it was held to', async () => {
    const held = simulation('SIMULATED', { max: '120000.00', shadowPrice: 0.137 });
    const heldMock = {
      request: { query: SIMULATE_ALLOCATION, variables: { input: { method: 'OPTIMISER', budget: '15000000.00', expectedLossAtMostChampion: true } } },
      result: { data: { simulateAllocation: held } },
    };
    renderPage(<AllocationPage />, { mocks: [listMock([]), heldMock, listMock([held])] });
    await screen.findByText('No simulations yet.');
    fireEvent.click(screen.getByLabelText('No more expected loss than the champion policy'));
    const result = await runSimulation();
    expect(within(result).getByTestId('expected-loss-cap').textContent).toBe('Expected loss cap: ≤ ¥120,000.00 · Profit given up per CNY 1 of expected loss avoided: 0.137');
  });

  it('lets an admin apply a simulated run after confirming', async () => {
    window.confirm = jest.fn(() => true);
    renderPage(<AllocationPage />, {
      session: sessionFor('ADMIN'),
      mocks: [
        listMock([]),
        simulateMock,
        listMock([simulation()]),
        {
          request: { query: APPLY_ALLOCATION, variables: { simulationId: 'sim-1' } },
          result: {
            data: {
              applyAllocation: { __typename: 'AllocationApplication', decisionsWritten: 310, linesSkipped: 2, linesRaised: 300, linesLowered: 10, simulation: simulation('APPLIED') },
            },
          },
        },
        listMock([simulation('APPLIED')]),
      ],
    });
    await runSimulation();
    expect(screen.getByTestId('simulation-status').textContent).toBe('Simulated');
    fireEvent.click(screen.getByRole('button', { name: 'Apply to all lines' }));
    expect(await screen.findByText('Applied: 310 decisions written, 300 raised, 10 lowered; 2 skipped (limits, status or risk changed since the simulation).')).toBeTruthy();
    // The status comes from the normalised cache entry, which may re-render a tick after the mutation result.
    await waitFor(() => expect(screen.getByTestId('simulation-status').textContent).toBe('Applied'));
    expect(screen.getByRole('button', { name: 'Apply to all lines' })).toHaveProperty('disabled', true);
  });

  it.each(['v3', '３', '2.5', '-1'])('refuses policy version %j before sending instead of simulating the current policy', async (version) => {
    // Any simulateAllocation request would be answered: only the form's refusal keeps it from running.
    const anySimulation = { request: { query: SIMULATE_ALLOCATION, variables: () => true }, result: { data: { simulateAllocation: simulation() } } };
    renderPage(<AllocationPage />, { mocks: [listMock([]), anySimulation, listMock([simulation()])] });
    await screen.findByText('No simulations yet.');
    fireEvent.click(screen.getByLabelText('Policy'));
    fireEvent.change(screen.getByLabelText('Policy version (empty for current)'), { target: { value: version } });
    fireEvent.change(screen.getByLabelText('Budget (CNY)'), { target: { value: '15000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect((await within(screen.getByTestId('simulation-form')).findByRole('alert')).textContent).toBe('The policy version must be a whole number above 0.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('simulation-result')).toBeNull();
  });

  it('refuses a bad budget before sending and shows errors of the list and of a simulation', async () => {
    renderPage(<AllocationPage />, {
      mocks: [
        { request: { query: ALLOCATION_SIMULATIONS, variables: { first: 20 } }, result: { errors: [new GraphQLError('down', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] } },
        { ...simulateMock, result: { errors: [new GraphQLError('budget too small', { extensions: { code: 'BAD_USER_INPUT' } })] } },
      ],
    });
    expect((await within(screen.getByTestId('simulation-list')).findByRole('alert')).textContent).toContain('SUBGRAPH_UNAVAILABLE: down');
    fireEvent.change(screen.getByLabelText('Budget (CNY)'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(within(screen.getByTestId('simulation-form')).getByRole('alert').textContent).toBe('The budget must be above 0 with at most two decimals.');
    fireEvent.change(screen.getByLabelText('Budget (CNY)'), { target: { value: '15000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect((await within(screen.getByTestId('simulation-form')).findByRole('alert')).textContent).toContain('BAD_USER_INPUT: budget too small');
    expect(screen.queryByTestId('simulation-result')).toBeNull();
  });
});
