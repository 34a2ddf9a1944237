/** /classes: opens the list that fits the person — the overview for the levels above units, else their own. */
import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth/session';

export default function ClassesHome() {
  const { abilities } = useCurrentUser();
  return <Navigate to={abilities.allClasses ? '/classes/all' : '/classes/mine'} replace />;
}
