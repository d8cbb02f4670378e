import { channels } from '@zefy/contracts';
import { type Inbox, NotificationsScreen, useInbox } from '@zefy/web-kit';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';

const InboxContext = createContext<Inbox | null>(null);

/** The partner's inbox, live on their channel: the tab bar counts what is unread, its screen lists it. */
export function useInboxOfPartner(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInboxOfPartner needs an InboxProvider (the signed-in layout)');
  return inbox;
}

export function InboxProvider({ partnerId, children }: { partnerId: string; children: ReactNode }) {
  useEffect(() => {
    realtime.connect();
    return () => realtime.close();
  }, []);
  const inbox = useInbox({ api, realtime, channel: channels.partner(partnerId) });
  return <InboxContext.Provider value={inbox}>{children}</InboxContext.Provider>;
}

/** `/notifications`: the partner's inbox on a screen of its own. */
export function InboxScreen() {
  return <NotificationsScreen inbox={useInboxOfPartner()} />;
}
