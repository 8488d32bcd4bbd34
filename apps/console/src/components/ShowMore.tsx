import { useState } from 'react';
import type { PageInfo } from '../graphql/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from './QueryState';

interface ShowMoreProps {
  pageInfo: PageInfo;
  /** Names the list, as the customer list's pager is named, when a page has several. */
  label: string;
  /** Loads the page after `after` into the list (fetchMore, merged by the cache's field policy). */
  onShowMore: (after: string) => Promise<unknown>;
}

/**
 * Appends the next, older page of a newest-first list. A failed fetchMore leaves the list as it was and
 * reaches only its caller, so the error is kept here and shown as the panel's own errors are.
 */
export function ShowMore({ pageInfo, label, onShowMore }: ShowMoreProps) {
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  if (!after) return null;
  const showMore = () => {
    setLoading(true);
    setError(null);
    onShowMore(after)
      .catch(setError)
      .finally(() => setLoading(false));
  };
  return (
    <>
      {error !== null && <ErrorMessage error={error} />}
      <nav className="pager" aria-label={label}>
        <button type="button" disabled={loading} aria-busy={loading} onClick={showMore}>
          {t('showMore')}
        </button>
      </nav>
    </>
  );
}
