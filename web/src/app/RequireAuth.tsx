import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../platform/auth/me';
import { PageSpin } from '../platform/ui/PageSpin';

/** Signed-out visitors go to the sign-in page; residents to their own page; a forced password change first. */
export function RequireAuth({ kind, children }: { kind: 'staff' | 'resident'; children: ReactNode }) {
  const { me, loading } = useMe();
  const location = useLocation();
  if (loading) return <PageSpin />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.mustChangePassword && me.kind === 'staff') return <Navigate to="/change-password" replace />;
  if (me.kind !== kind) return <Navigate to={me.kind === 'resident' ? '/resident' : '/'} replace />;
  return <>{children}</>;
}
