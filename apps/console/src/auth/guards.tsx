import { Navigate, Outlet, useLocation } from 'react-router';
import { Forbidden } from '../components/Forbidden';
import { isStaff } from './permissions';
import { useSession, useSignedIn } from './SessionProvider';

export function RequireSession() {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

/** Pages for analysts and admins; a customer sees a refusal instead of a page of errors. */
export function RequireStaff() {
  const session = useSignedIn();
  return isStaff(session) ? <Outlet /> : <Forbidden />;
}

/** Where "/" leads: a customer to their own page, staff to the customer search. */
export function HomeRedirect() {
  const session = useSignedIn();
  return <Navigate to={isStaff(session) ? '/customers' : `/customers/${session.customerId}`} replace />;
}
