import type { ComponentProps } from 'react';
import { Link, NavLink } from 'react-router';
import { formatBadgeCount } from '../format/label.ts';
import { type ButtonProps, buttonClass } from '../ui/button.tsx';

export interface NavItem {
  to: string;
  label: string;
  /** Only this exact URL marks the item current (the app's start, `/`). */
  end?: boolean;
  /** How many new things wait there (unread notifications); none shown at 0. */
  badge?: number;
}

/** The app's sections as links; the current one is marked (`aria-current="page"`). */
export function NavBar({ items, label = 'Sections' }: { items: readonly NavItem[]; label?: string }) {
  return (
    <nav className="zf-nav" aria-label={label}>
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} className="zf-nav__link">
          {item.label}
          {item.badge ? (
            <>
              <span className="zf-nav__badge" aria-hidden="true" data-testid="nav-badge">
                {formatBadgeCount(item.badge)}
              </span>
              <span className="zf-visually-hidden">, {item.badge} new</span>
            </>
          ) : null}
        </NavLink>
      ))}
    </nav>
  );
}

/** A link that looks like a button: for actions that open a screen ("New partner"). */
export function ButtonLink({
  variant,
  size,
  className,
  ...rest
}: ComponentProps<typeof Link> & Pick<ButtonProps, 'variant' | 'size'>) {
  return <Link className={[buttonClass(variant, size), className].filter(Boolean).join(' ')} {...rest} />;
}
