import type { BusEvent, BusEventOf, EventData, EventType } from '../../../shared/events.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { EventBus } from './bus.js';

/** Builds bus events (id `evt_…`, ISO timestamp) so every publisher stamps them the same way; payloads are typed by the catalogue. */
export class EventPublisher {
  constructor(
    private bus: EventBus,
    private clock: Clock,
  ) {}

  emit<T extends EventType>(type: T, accountId: string | null, data: EventData<T>): BusEventOf<T> {
    const event = { id: newId('evt'), type, timestamp: new Date(this.clock.now()).toISOString(), accountId, data } as BusEventOf<T>;
    this.bus.publish(event as BusEvent);
    return event;
  }
}
