import type { Role } from '@jc/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { devTokensAvailable, fetchDevToken } from '../auth/dev-token';
import { useSession } from '../auth/SessionProvider';
import { Loading } from '../components/QueryState';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/i18n';

const PICKABLE_ROLES: Role[] = ['ANALYST', 'ADMIN', 'CUSTOMER'];

function RolePicker({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('ANALYST');
  const [customerId, setCustomerId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onToken(await fetchDevToken(role, role === 'CUSTOMER' ? customerId.trim() : undefined));
    } catch (err) {
      setError(t('signInFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label={t('signInDevHint')}>
      <p>{t('signInDevHint')}</p>
      <fieldset>
        <legend>{t('signInRole')}</legend>
        {PICKABLE_ROLES.map((r) => (
          <label key={r}>
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
            {t(`role${r}`)}
          </label>
        ))}
      </fieldset>
      {role === 'CUSTOMER' && (
        <label>
          {t('signInCustomerId')}
          <input name="customerId" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </label>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" disabled={busy}>
        {t('signInAs', { role: t(`role${role}`) })}
      </button>
    </form>
  );
}

function TokenForm({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onToken(token);
      }}
    >
      <p>{t('signInProdHint')}</p>
      <label>
        {t('signInToken')}
        <textarea name="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="submit">{t('signInWithToken')}</button>
    </form>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const { session, signIn } = useSession();
  const [devTokens, setDevTokens] = useState<boolean | null>(null);
  const [pasting, setPasting] = useState(false);
  const [tokenError, setTokenError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void devTokensAvailable().then((available) => live && setDevTokens(available));
    return () => {
      live = false;
    };
  }, []);
  if (session) return <Navigate to="/" replace />;
  const acceptToken = (token: string) => setTokenError(signIn(token) ? null : t('signInInvalidToken'));
  return (
    <main className="sign-in">
      <header className="topbar">
        <span className="brand">{t('appTitle')}</span>
        <LanguageSwitch />
      </header>
      <h1>{t('signInTitle')}</h1>
      {devTokens === null ? (
        <Loading />
      ) : devTokens && !pasting ? (
        <>
          <RolePicker onToken={acceptToken} />
          <button type="button" className="link" onClick={() => setPasting(true)}>
            {t('signInPasteInstead')}
          </button>
        </>
      ) : (
        <TokenForm onToken={acceptToken} />
      )}
      {tokenError && (
        <p role="alert" className="error">
          {tokenError}
        </p>
      )}
    </main>
  );
}
