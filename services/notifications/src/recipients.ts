import { channels, type Principal } from '@zefy/contracts';

/** Who has an inbox and push devices: customers and partners, each addressed by their own access token. */
export interface Recipient {
  kind: 'customer' | 'partner';
  id: string;
}

/** Only customers and partners have inboxes and devices; routes admit no one else. */
export const recipientOf = (principal: Principal): Recipient => {
  if (principal.role !== 'customer' && principal.role !== 'partner')
    throw new RangeError(`role ${principal.role} has no inbox`);
  return { kind: principal.role, id: principal.id };
};

/** The realtime channel that reaches a recipient's apps. */
export const channelOf = (recipient: Recipient): string =>
  recipient.kind === 'customer' ? channels.user(recipient.id) : channels.partner(recipient.id);

/** Where each recipient's app is published (an https:// directory URL); an app without one gets no links. */
export type AppUrls = Partial<Record<Recipient['kind'], string>>;
