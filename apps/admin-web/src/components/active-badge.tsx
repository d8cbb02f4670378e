import { Badge } from '@zefy/web-kit';

/** Whether a service or a hub is offered now. */
export function ActiveBadge({ isActive }: { isActive: boolean }) {
  return isActive ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>;
}
