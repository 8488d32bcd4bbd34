import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { StageHistoryKey, StatementsKey } from './context';
import { StageHistoryRepository } from './db/stage-history-repository';
import type { StageChangeRecord } from './model/behaviour-profile';
import type { MonthlyStatementRecord } from './model/statements';
import { loadStatements } from './services/statements';

export function statementsLoader(dataSource: DataSource): DataLoader<StatementsKey, MonthlyStatementRecord[], string> {
  return new DataLoader((keys) => loadStatements(dataSource, keys), {
    cacheKeyFn: (k) => `${k.customerId}|${k.asOf.toISOString()}|${k.last}`,
  });
}

const pageShape = (k: StageHistoryKey) => `${k.limit}|${k.beforeId ?? ''}`;
const pageKey = (k: StageHistoryKey) => `${k.customerId}|${pageShape(k)}`;

/** One query per distinct page shape, however many customers ask for it. */
export function stageHistoryLoader(dataSource: DataSource): DataLoader<StageHistoryKey, StageChangeRecord[], string> {
  const repo = new StageHistoryRepository(dataSource);
  return new DataLoader(
    async (keys) => {
      const shapes = new Map<string, StageHistoryKey[]>();
      for (const k of keys) {
        const group = shapes.get(pageShape(k));
        if (group) group.push(k);
        else shapes.set(pageShape(k), [k]);
      }
      const pages = new Map<string, StageChangeRecord[]>();
      for (const group of shapes.values()) {
        const { limit, beforeId } = group[0]!;
        const found = await repo.pages(group.map((k) => k.customerId), limit, beforeId);
        for (const k of group) pages.set(pageKey(k), found.get(k.customerId) ?? []);
      }
      return keys.map((k) => pages.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}
