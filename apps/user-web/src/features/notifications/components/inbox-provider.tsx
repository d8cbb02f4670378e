import { channels } from '@zefy/contracts';
import { type Inbox, NotificationsLink, NotificationsScreen, useInbox } from '@zefy/web-kit';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';

const InboxContext = createContext<Inbox | null>(null);

/** The signed-in customer's inbox, live on their channel; the app's socket is open while they are signed in. */
export function InboxProvider({ customerId, children }: { customerId: string; children: ReactNode }) {
  useEffect(() => {
    realtime.connect();
    // logging out unmounts this: the socket signed in as the customer closes with it
    return () => realtime.close();
  }, []);
  const inbox = useInbox({ api, realtime, channel: channels.user(customerId) });
  return <InboxContext.Provider value={inbox}>{children}</InboxContext.Provider>;
}

export function useCustomerInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useCustomerInbox needs an InboxProvider (the signed-in layout has one)');
  return inbox;
}

/** The header's bell: the unread count, a link to the notifications screen. */
export function InboxBell() {
  return <NotificationsLink to="/notifications" unreadCount={useCustomerInbox().unreadCount} />;
}

/** `/notifications`: the customer's inbox on a screen of its own. */
export function InboxScreen() {
  return <NotificationsScreen inbox={useCustomerInbox()} />;
}
