import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { buttonClass } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Screen } from '../ui/screen.tsx';

/** Any URL the app has no screen for. */
export function NotFoundScreen() {
  return (
    <Screen title="Page not found" data-testid="not-found">
      <EmptyState
        action={
          <Link className={buttonClass('primary')} to="/">
            Go to the start
          </Link>
        }
      >
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </EmptyState>
    </Screen>
  );
}

/** A screen that failed to render: said plainly, with a way on; the details go to the console. */
export function RouteErrorScreen() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundScreen />;
  console.error(error);
  return (
    <Screen title="Something went wrong">
      <EmptyState
        action={
          <button type="button" className={buttonClass('primary')} onClick={() => window.location.reload()}>
            Reload
          </button>
        }
      >
        This screen could not be shown. Reloading usually helps; if it does not, tell us what you were doing.
      </EmptyState>
    </Screen>
  );
}
