import { Container } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../ui/page-loader';
import { QueryError } from '../ui/query-error';
import { AppLayout } from './app-layout';
import { MeContext, useSession } from './session';

/**
 * Guards every page after sign-in: nobody signed in goes to the sign-in page (and comes
 * back afterwards); a user who must change the password does that first.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <QueryError error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  const me = session.data;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return (
    <MeContext value={me}>
      <AppLayout />
    </MeContext>
  );
}
