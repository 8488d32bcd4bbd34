import { NavLink, Outlet } from 'react-router';
import { isStaff } from '../auth/permissions';
import { useSession, useSignedIn } from '../auth/SessionProvider';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';

const STAFF_NAV: [string, MessageKey][] = [
  ['/customers', 'navCustomers'],
  ['/portfolio', 'navPortfolio'],
  ['/campaigns', 'navCampaigns'],
  ['/allocation', 'navAllocation'],
  ['/models', 'navModels'],
];

export function Layout() {
  const session = useSignedIn();
  const { signOut } = useSession();
  const { t } = useI18n();
  const nav: [string, MessageKey][] = isStaff(session) ? STAFF_NAV : [[`/customers/${session.customerId}`, 'navMyAccount']];
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('appTitle')}</span>
        <nav aria-label="main">
          {nav.map(([to, key]) => (
            <NavLink key={to} to={to}>
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <span className="who" data-testid="signed-in-role">
          {t('signedInAs', { role: t(`role${session.role}`) })}
        </span>
        <LanguageSwitch />
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
