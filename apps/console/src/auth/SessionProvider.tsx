import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { sessionFromToken, type Session } from './session';

const STORAGE_KEY = 'jc.console.token';

interface SessionState {
  session: Session | null;
  /** Returns false when the token cannot be read or has expired. */
  signIn: (token: string) => boolean;
  signOut: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

function storedSession(): Session | null {
  const token = window.sessionStorage.getItem(STORAGE_KEY);
  return token ? sessionFromToken(token) : null;
}

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(() => (initial !== undefined ? initial : storedSession()));
  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    if (!next) return false;
    window.sessionStorage.setItem(STORAGE_KEY, next.token);
    setSession(next);
    return true;
  }, []);
  const signOut = useCallback(() => {
    window.sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** For pages behind the sign-in guard, where a session always exists. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside the sign-in guard');
  return session;
}
