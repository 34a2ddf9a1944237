/** A reviewer's work on the home page: the applications assigned to them, those still to score first. */
import { AssignmentsList } from '../selection/components/AssignmentsList';

export default function ReviewerHome() {
  return <AssignmentsList />;
}
