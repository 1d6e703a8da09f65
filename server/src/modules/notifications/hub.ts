import type { Notification } from '@crm/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.ts';
import { notificationsByIds } from './repo.ts';

/** The channel the notifications trigger announces each new row on (migration 0017). */
export const CHANNEL = 'crm_notifications';

export type Subscriber = {
  userId: number;
  send(notification: Notification): void;
  /** The listening connection was lost and is back: messages may have been missed meanwhile. */
  resync(): void;
  /** The instance is stopping. */
  end(): void;
};

/**
 * docs/notifications.md#delivery: one per app instance. It listens once — one connection outside the pool on
 * PostgreSQL, in process on the embedded database — and only while a browser is connected; an announced id whose user
 * has a stream here is read (ids arriving together in one query) and handed to that user's streams. A stream holds no
 * database connection.
 */
export class NotificationHub {
  private readonly subscribers = new Map<number, Set<Subscriber>>();
  private listening: Promise<() => Promise<void>> | undefined;
  private pending: number[] = [];
  private flushing: NodeJS.Immediate | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  get size() {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Starts listening when not yet; resolves once the instance hears the channel. */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    const set = this.subscribers.get(subscriber.userId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(subscriber.userId, set);
    try {
      this.listening ??= this.database.listen(
        CHANNEL,
        (payload) => this.announced(payload),
        () => this.forEach((s) => s.resync()),
      );
      await this.listening;
    } catch (error) {
      this.listening = undefined;
      this.remove(subscriber);
      throw error;
    }
    return () => this.remove(subscriber);
  }

  private remove(subscriber: Subscriber) {
    const set = this.subscribers.get(subscriber.userId);
    set?.delete(subscriber);
    if (set && !set.size) this.subscribers.delete(subscriber.userId);
  }

  private forEach(fn: (s: Subscriber) => void) {
    for (const set of this.subscribers.values()) for (const s of [...set]) fn(s);
  }

  private announced(payload: string) {
    let message: { id?: unknown; userId?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== 'number' || typeof message.userId !== 'number') return;
    if (!this.subscribers.has(message.userId)) return;
    this.pending.push(message.id);
    this.flushing ??= setImmediate(() => void this.flush());
  }

  private async flush() {
    const ids = this.pending;
    this.pending = [];
    this.flushing = undefined;
    try {
      for (const n of await notificationsByIds(this.database.db, ids)) {
        const { userId, ...notification } = n;
        for (const s of this.subscribers.get(userId) ?? []) s.send(notification);
      }
    } catch (err) {
      // the database is away: the streams catch up from their last id once the listener is back
      this.log.warn({ err }, 'notifications not delivered live');
      setTimeout(() => this.forEach((s) => s.resync()), 2_000).unref();
    }
  }

  /** The instance stops: every stream ends (browsers reconnect elsewhere), the listening connection closes. */
  async close() {
    this.forEach((s) => s.end());
    this.subscribers.clear();
    const listening = this.listening;
    this.listening = undefined;
    if (listening) await (await listening.catch(() => async () => {}))();
  }
}
