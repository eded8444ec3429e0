import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { BusEvent, EventBus, EventType } from './bus.js';

/** Builds bus events (id `evt_…`, ISO timestamp) so every publisher stamps them the same way. */
export class EventPublisher {
  constructor(
    private bus: EventBus,
    private clock: Clock,
  ) {}

  emit(type: EventType, accountId: string | null, data: Record<string, unknown>): BusEvent {
    const event: BusEvent = { id: newId('evt'), type, timestamp: new Date(this.clock.now()).toISOString(), accountId, data };
    this.bus.publish(event);
    return event;
  }
}
