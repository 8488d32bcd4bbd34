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

  it('shows calibration in the large per region, with the suggested shift', async () => {
    const withOutcomes = {
      ...monitoring,
      outcomes: 300,
      defaults: 36,
      expectedDefaultRate: 0.151,
      observedDefaultRate: 0.12,
      calibrationByRegion: [
        { __typename: 'RegionCalibration', region: '44', outcomes: 200, defaults: 20, expectedDefaultRate: 0.15, observedDefaultRate: 0.1, z: -1.98, logOddsShift: 0, suggestedLogOddsShift: -0.463 },
        { __typename: 'RegionCalibration', region: '31', outcomes: 100, defaults: 16, expectedDefaultRate: 0.153, observedDefaultRate: 0.16, z: 0.19, logOddsShift: 0.25, suggestedLogOddsShift: 0.302 },
      ],
    };
    renderPage(<ModelsPage />, {
      mocks: [modelsMock(), { request: { query: SCORE_MONITORING, variables: { modelVersion: 'champ-1' } }, result: { data: { scoreMonitoring: withOutcomes } } }],
    });
    const table = await screen.findByTestId('calibration-table');
    const rows = within(table).getAllByRole('row').map((r) => r.textContent);
    expect(rows[1]).toBe('Guangdong2002015.0%10.0%-1.980.00-0.46');
    expect(rows[2]).toBe('Shanghai1001615.3%16.0%+0.19+0.25+0.30');
  });

  it('says so when no outcome is recorded yet', async () => {
    renderPage(<ModelsPage />, { mocks: [modelsMock(), monitoringMock('champ-1')] });
    expect(await screen.findByText('No outcomes recorded yet')).toBeTruthy();
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
