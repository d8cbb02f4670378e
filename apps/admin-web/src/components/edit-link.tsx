import { ButtonLink } from '@zefy/web-kit';

/** A table row's "Edit", named for screen readers by what it edits; `isCurrent` when it is open already. */
export function EditLink({ to, name, isCurrent = false }: { to: string; name: string; isCurrent?: boolean }) {
  return (
    <ButtonLink
      variant="secondary"
      size="small"
      to={to}
      aria-label={`Edit ${name}`}
      aria-current={isCurrent ? 'page' : undefined}
    >
      Edit
    </ButtonLink>
  );
}
