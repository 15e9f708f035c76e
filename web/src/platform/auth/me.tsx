import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@jiayuan/contracts';
import { api, onPasswordChangeRequired, onUnauthorized, setCsrfToken } from '../api/client';
import { ApiError } from '../api/problem';
import { changeLang, currentLang } from '../i18n/i18n';

interface MeState {
  me: Me | null;
  loading: boolean;
  can: (p: Permission) => boolean;
  refresh: () => Promise<unknown>;
  signOut: () => Promise<void>;
}

const MeContext = createContext<MeState | null>(null);
export const ME_KEY = ['me'] as const;

/** Signed in or not: the session probe answers 200 either way, so the sign-in page logs no 401. */
async function fetchMe(): Promise<Me | null> {
  try {
    return (await api.get<{ me: Me | null }>('/auth/session', undefined, { quiet401: true })).me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Who is signed in; null while signed out. Any 401 anywhere signs the page out; a refusal for a temporary password sends it to the change. */
export function MeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60000, retry: 1 });
  const me = q.data ?? null;
  const langSynced = useRef<number | null>(null);

  useEffect(() => onUnauthorized(() => qc.setQueryData(ME_KEY, null)), [qc]);
  // The server refuses everything but the password change to a temporary password: the guards
  // then send the page to it (the change itself clears the flag through refresh()).
  useEffect(() => onPasswordChangeRequired(() => qc.setQueryData<Me | null>(ME_KEY, (m) => (m ? { ...m, mustChangePassword: true } : m))), [qc]);

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? '');
    if (!me || langSynced.current === me.id) return;
    langSynced.current = me.id;
    // The account's language wins on a new session; an account with none takes this device's.
    if (me.lang && me.lang !== currentLang()) void changeLang(me.lang);
    else if (!me.lang && me.kind === 'staff') void api.put('/me/language', { lang: currentLang() }).catch(() => undefined);
  }, [me]);

  const value = useMemo<MeState>(
    () => ({
      me,
      loading: q.isPending,
      can: (p) => !!me?.permissions.includes(p),
      refresh: () => qc.invalidateQueries({ queryKey: ME_KEY }),
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } finally {
          langSynced.current = null;
          // Signed out first (the guards redirect), then forget everything the session loaded.
          qc.setQueryData(ME_KEY, null);
          qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        }
      },
    }),
    [me, q.isPending, qc],
  );
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeState {
  const ctx = useContext(MeContext);
  if (!ctx) throw new Error('useMe outside MeProvider');
  return ctx;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useSignedIn(): Me {
  const { me } = useMe();
  if (!me) throw new Error('useSignedIn on a signed-out page');
  return me;
}
