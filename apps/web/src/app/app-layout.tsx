import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session.api.ts';
import { SessionMenu, SignInPage } from '../session/sign-in-page.tsx';
import { BrandMark } from './brand-mark.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NavIcon, type NavIconName } from './nav-icon.tsx';

const SECTIONS: readonly { path: string; key: NavIconName }[] = [
  { path: '/campaigns', key: 'campaigns' },
  { path: '/segments', key: 'segments' },
  { path: '/leads', key: 'leads' },
  { path: '/calls', key: 'calls' },
  { path: '/analytics', key: 'analytics' },
  { path: '/settings', key: 'settings' },
];

/**
 * Header, main navigation and the page outlet; every screen renders inside `<main>`. While the
 * server asks for sign-in and this browser has no session, the sign-in page instead.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const main = useFocusMainOnNavigation();
  const session = useSession();
  // The session check is public and fast; while it runs nothing is shown rather than a flash
  // of the app that a sign-in page would then replace. If it fails the app shows, and its own
  // requests explain the error where they are made.
  if (session.isPending) return null;
  const user = session.data?.user ?? null;
  if (session.data?.required === true && user === null) return <SignInPage />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/campaigns" className="brand" aria-label={t('app.home')}>
          <BrandMark />
          <span className="brand__name">{t('app.name')}</span>
        </Link>
        <nav className="main-nav" aria-label={t('app.mainNavigation')}>
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.key}>
                <NavLink to={section.path} className="main-nav__link">
                  <NavIcon name={section.key} />
                  <span>{t(`nav.${section.key}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user !== null ? <SessionMenu email={user.email} /> : null}
        <LanguageSwitch />
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </div>
  );
}

/**
 * After a client-side navigation, move focus to the new page's content (as a full page load
 * would), so keyboard and screen-reader users are not left on the link they pressed.
 */
function useFocusMainOnNavigation() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return; // first render, or only the query changed
    previous.current = pathname;
    main.current?.focus();
  }, [pathname]);
  return main;
}
