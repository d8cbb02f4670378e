import { type ReactNode, useEffect, useRef } from 'react';
import { useAppName } from './app-shell.tsx';

export interface ScreenProps {
  title: string;
  /** Above the title: a link back up ("← All bookings"); the browser's back button works as well. */
  back?: ReactNode;
  /** Beside the title: the screen's main actions. */
  actions?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

/**
 * One screen of an app: its heading and the document title (`Bookings · Zefy Admin`). The heading takes
 * the focus when the screen opens, so a screen reader announces where a navigation led.
 */
export function Screen({ title, back, actions, children, 'data-testid': testId }: ScreenProps) {
  const appName = useAppName();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="zf-screen" aria-labelledby="zf-screen-title" data-testid={testId}>
      {back}
      <div className="zf-screen__head">
        <h1 className="zf-title" id="zf-screen-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div className="zf-toolbar">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
