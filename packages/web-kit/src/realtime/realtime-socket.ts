import {
  type BookingChange,
  type BookingChannelSnapshot,
  bookingOfChannel,
  type ClientMessage,
  type InboxNotification,
  type RealtimeEvent,
  realtimeProtocol,
  realtimeProtocols,
  type ServerMessage,
  type TrackingUpdate,
} from '@zefy/contracts';
import { apiOrigin, websocketUrl } from '../app/api-origin.ts';

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ChannelHandlers {
  /** A committed domain event: `switch (event.type)` narrows `event.data`. */
  onEvent?: (event: RealtimeEvent) => void;
  /** A new entry in the inbox of the channel's principal (`user:<id>`, `partner:<id>`). */
  onNotification?: (notification: InboxNotification) => void;
  /** A live tracking update of a booking the channel's principal follows (position, ETA, arrival…). */
  onTracking?: (update: TrackingUpdate) => void;
  /**
   * A state change on a booking channel (`channels.booking(id)`), each once and in order: the ones missed
   * while disconnected come first after a reconnect (the socket resumes from the last sequence it saw).
   */
  onChange?: (change: BookingChange) => void;
  /**
   * Instead of the changes missed (too many, or the gateway could not resume from the last one seen): the
   * booking as it stands, with its live tracking; changes resume after `snapshot.sequence`.
   */
  onResync?: (snapshot: BookingChannelSnapshot) => void;
  /** Also called after every reconnect: the moment to refetch anything that changed while offline. */
  onSubscribed?: () => void;
}

export interface RealtimeSocketOptions {
  /** Read at every (re)connect, so a refreshed token is used. */
  getToken: () => string | null | undefined;
  /** Defaults to `/ws` at the gateway (`VITE_API_ORIGIN`, else the page's origin; ws: or wss: to match). */
  url?: string;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  onStatusChange?: (status: RealtimeStatus) => void;
  /** The gateway reports refusals (e.g. a forbidden channel) as messages, not by closing the socket. */
  onServerError?: (error: { code: string; detail: string; channel?: string }) => void;
}

/**
 * One WebSocket to the gateway, shared by every subscription of the app. Reconnects with capped,
 * jittered exponential backoff and subscribes again to every channel that still has handlers.
 */
export class RealtimeSocket {
  private readonly options: RealtimeSocketOptions;
  private readonly channels = new Map<string, Set<ChannelHandlers>>();
  /** The last change sequence seen per booking channel: where a resubscription resumes. */
  private readonly lastSequence = new Map<string, number>();
  private socket: WebSocket | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private failedAttempts = 0;
  private isOpen = false;
  private isClosedByUs = true;
  private currentStatus: RealtimeStatus = 'closed';

  constructor(options: RealtimeSocketOptions) {
    this.options = options;
  }

  get status(): RealtimeStatus {
    return this.currentStatus;
  }

  connect(): void {
    if (!this.isClosedByUs) return;
    this.isClosedByUs = false;
    this.open();
  }

  close(): void {
    this.isClosedByUs = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.socket?.close();
    this.socket = null;
    this.isOpen = false;
    this.setStatus('closed');
  }

  /** Returns the unsubscribe function; the channel is left once its last handler is gone. */
  subscribe(channel: string, handlers: ChannelHandlers): () => void {
    let subscribers = this.channels.get(channel);
    if (!subscribers) {
      subscribers = new Set();
      this.channels.set(channel, subscribers);
      this.send(this.subscription(channel));
    }
    subscribers.add(handlers);
    return () => {
      const current = this.channels.get(channel);
      if (!current?.delete(handlers) || current.size > 0) return;
      this.channels.delete(channel);
      this.lastSequence.delete(channel);
      this.send({ type: 'unsubscribe', channel });
    };
  }

  /** A booking channel resumes after the last change seen (all of them the first time). */
  private subscription(channel: string): ClientMessage {
    const after = this.lastSequence.get(channel);
    return bookingOfChannel(channel) !== null && after !== undefined
      ? { type: 'subscribe', channel, after }
      : { type: 'subscribe', channel };
  }

  private open(): void {
    this.setStatus(this.failedAttempts === 0 ? 'connecting' : 'reconnecting');
    const token = this.options.getToken();
    const socket = new WebSocket(
      new URL(this.options.url ?? websocketUrl(apiOrigin, location)),
      token ? realtimeProtocols(token) : [realtimeProtocol],
    );
    this.socket = socket;
    socket.onopen = () => {
      this.isOpen = true;
      this.failedAttempts = 0;
      this.setStatus('open');
      for (const channel of this.channels.keys()) this.send(this.subscription(channel));
    };
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') this.receive(message.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.isOpen = false;
      if (!this.isClosedByUs) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const initial = this.options.initialBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 15_000;
    const ceiling = Math.min(max, initial * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    this.setStatus('reconnecting');
    // half fixed, half random: spreads a crowd of clients reconnecting after a gateway restart
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private receive(raw: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'event':
        for (const handlers of this.channels.get(message.channel) ?? []) handlers.onEvent?.(message.event);
        return;
      case 'notification':
        for (const handlers of this.channels.get(message.channel) ?? [])
          handlers.onNotification?.(message.notification);
        return;
      case 'tracking':
        for (const handlers of this.channels.get(message.channel) ?? [])
          handlers.onTracking?.(message.update);
        return;
      case 'change': {
        const { sequence } = message.change;
        if (sequence <= (this.lastSequence.get(message.channel) ?? 0)) return;
        this.lastSequence.set(message.channel, sequence);
        for (const handlers of this.channels.get(message.channel) ?? []) handlers.onChange?.(message.change);
        return;
      }
      case 'resync':
        // the snapshot stands where changes resume, even behind a sequence the booking never reached
        this.lastSequence.set(message.channel, message.snapshot.sequence);
        for (const handlers of this.channels.get(message.channel) ?? [])
          handlers.onResync?.(message.snapshot);
        return;
      case 'subscribed':
        for (const handlers of this.channels.get(message.channel) ?? []) handlers.onSubscribed?.();
        return;
      case 'error':
        this.options.onServerError?.({
          code: message.code,
          detail: message.detail,
          ...(message.channel ? { channel: message.channel } : {}),
        });
        return;
      default:
        return;
    }
  }

  private send(message: ClientMessage): void {
    // while disconnected, `open` sends every subscription once the socket is up
    if (this.isOpen) this.socket?.send(JSON.stringify(message));
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.options.onStatusChange?.(status);
  }
}
