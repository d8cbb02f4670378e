/**
 * A Razorpay order of ours: one per payable, for the payable's customer and amount. Today every payable is
 * a hold, so `holdId` is the hold's id; a later kind of payable (extra charges after the job) gets an order
 * keyed by its own payable id in the same way. The order's row is the lock of everything about its payments.
 */
export type OrderStatus = 'pending' | 'created' | 'attempted' | 'paid' | 'abandoned';

export interface Order {
  id: string;
  holdId: string;
  customerId: string;
  amountPaise: number;
  currency: 'INR';
  receipt: string;
  razorpayOrderId: string | null;
  status: OrderStatus;
  createdAt: Date;
  reconciledAt: Date | null;
}

/** `hold_<uuid without dashes>`: 37 characters, under Razorpay's 40, and unique per hold like the order. */
export const receiptFor = (holdId: string): string => `hold_${holdId.replaceAll('-', '')}`;

/** Where an order stands once a payment of it is known: paid for good once one is captured. */
export const orderStatusAfter = (order: Order, isPaymentCaptured: boolean): OrderStatus =>
  isPaymentCaptured || order.status === 'paid' ? 'paid' : 'attempted';

/** A Razorpay order just created (or found again by its receipt) that was paid before we heard of it. */
export const statusOnceCreated = (razorpayStatus: string): 'created' | 'attempted' =>
  razorpayStatus === 'created' ? 'created' : 'attempted';
