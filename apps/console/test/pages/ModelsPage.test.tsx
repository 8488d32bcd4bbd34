import { fireEvent, screen, within } from '@testing-library/react';
import { PROMOTE_MODEL, SCORE_MONITORING, SCORING_MODELS } from '../../src/graphql/models';
import { ModelsPage } from '../../src/pages/models/ModelsPage';
import { models, monitoring } from '../support/fixtures';
import { renderPage, sessionFor } from '../support/render';

const modelsMock = (list = models) => ({ request: { query: SCORING_MODELS }, result: { data: { scoringModels: list } } });
const monitoringMock = (version: string) => ({
  request: { query: SCORE_MONITORING, variables: { modelVersion: version } },
  result: { data: { scoreMonitoring: { ...monitoring, modelVersion: version } } },
});

describe('Models', () => {
  it('lists versions with metrics and the champion’s PSI; an analyst cannot promote', async () => {
    renderPage(<ModelsPage />, { mocks: [modelsMock(), monitoringMock('champ-1')] });
    const table = await screen.findByTestId('model-table');
    expect(within(table).getByText('chall-2')).toBeTruthy();
    expect(within(table).getByText('0.810')).toBeTruthy();
    expect((await screen.findByTestId('psi')).textContent).toBe('0.426');
    expect(screen.queryByRole('button', { name: 'Promote to champion' })).toBeNull();
  });

  it('lets an admin promote a challenger after confirming', async () => {
    const promoted = [
      { ...models[0]!, status: 'RETIRED' as const },
      { ...models[1]!, status: 'CHAMPION' as const, promotedAt: '2026-11-30T09:00:00.000Z' },
    ];
    window.confirm = jest.fn(() => true);
    renderPage(<ModelsPage />, {
      session: sessionFor('ADMIN'),
      mocks: [
        modelsMock(),
        monitoringMock('champ-1'),
        {
          request: { query: PROMOTE_MODEL, variables: { version: 'chall-2' } },
          result: { data: { promoteModel: { __typename: 'ScoringModel', version: 'chall-2', status: 'CHAMPION', promotedAt: '2026-11-30T09:00:00.000Z' } } },
        },
        modelsMock(promoted),
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Promote to champion' }));
    expect(window.confirm).toHaveBeenCalledWith('Promote model chall-2 to champion?');
    expect(await within(screen.getByTestId('model-table')).findByText('Retired')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Promote to champion' })).toBeNull();
  });
});
