import DataLoader from 'dataloader';
import type { CreditScore } from '../model/scoring';
import type { HistoryPageRequest, ScoreRepository } from './score-repository';

/**
 * Per request: every scoreHistory page asked for while a list of customers resolves is read in
 * one statement, instead of one query per customer. The same page asked twice is read once.
 */
export function scoreHistoryLoader(scores: ScoreRepository): DataLoader<HistoryPageRequest, CreditScore[], string> {
  return new DataLoader((requests) => scores.historyPages(requests), {
    cacheKeyFn: (r) => `${r.customerId}:${r.limit}:${r.beforeId ?? ''}`,
  });
}
