import type { Clock } from '../../kernel/clock.js';
import { ViewerChatGenerator } from './generator.js';
import { DEFAULT_MIX, type ChatMix, type ConfigBody, type HostileConfig, type PracticeOptions } from './schema.js';
import { PracticeSimulator } from './simulator.js';
import { PracticeStream } from './stream.js';

const DEFAULT_HOSTILE: HostileConfig = { rerenderEveryMs: 0, reloadEveryMs: 0, detachEveryMs: 0, virtualizeAfter: 150 };

/** Ties the stream, the generator and the simulator together behind the operations the control API offers. */
export class PracticeController {
  readonly stream: PracticeStream;
  readonly simulator: PracticeSimulator;
  readonly sseClosers = new Set<() => void>();
  private generator: ViewerChatGenerator;
  private mix: ChatMix;
  private keyword: string;
  private seed: number;

  constructor(
    clock: Clock,
    private opts: PracticeOptions,
  ) {
    const hostile = { ...DEFAULT_HOSTILE, ...opts.hostile };
    this.mix = { ...DEFAULT_MIX, ...opts.mix };
    this.keyword = opts.giveawayKeyword;
    this.seed = opts.seed;
    this.stream = new PracticeStream(clock, {
      live: opts.live,
      viewers: opts.viewers,
      hostName: opts.hostName,
      hostile,
      bufferSize: opts.bufferSize,
      historySize: opts.historySize,
    });
    this.generator = this.newGenerator();
    this.simulator = new PracticeSimulator(this.stream, this.generator, opts.rate, opts.seed);
    this.simulator.applyHostile(hostile);
  }

  start(): void {
    if (this.opts.simulate) this.simulator.start();
  }

  stop(): void {
    this.simulator.stopAll();
    for (const close of [...this.sseClosers]) close();
  }

  configure(body: ConfigBody) {
    const s = this.stream;
    if (body.rate !== undefined) this.simulator.rate = body.rate;
    if (body.mix) this.mix = { ...this.mix, ...body.mix };
    if (body.giveawayKeyword !== undefined) this.keyword = body.giveawayKeyword;
    if (body.hostName !== undefined) s.hostName = body.hostName;
    if (body.viewers !== undefined) s.viewers = body.viewers;
    if (body.seed !== undefined) {
      // A new seed restarts the viewer script from its beginning.
      this.seed = body.seed;
      this.generator = this.newGenerator();
      this.simulator.setGenerator(this.generator);
    } else {
      this.generator.setMix(this.mix);
      this.generator.setKeyword(this.keyword);
      this.generator.setHostName(s.hostName);
    }
    if (body.hostile) {
      s.hostile = { ...s.hostile, ...body.hostile };
      this.simulator.applyHostile(s.hostile);
    }
    s.pushState();
    return this.state();
  }

  setLive(live: boolean) {
    this.stream.live = live;
    this.stream.pushState();
    return this.state();
  }

  reset() {
    this.stream.reset();
    return this.state();
  }

  state() {
    const s = this.stream;
    return {
      live: s.live,
      viewers: s.viewers,
      hostName: s.hostName,
      pages: s.pages,
      simulation: {
        running: this.simulator.running,
        rate: this.simulator.rate,
        seed: this.seed,
        giveawayKeyword: this.keyword,
        mix: this.mix,
        generated: this.simulator.generatedCount,
      },
      hostile: s.hostile,
      historySize: s.historySize,
      counts: s.stats(),
    };
  }

  private newGenerator(): ViewerChatGenerator {
    return new ViewerChatGenerator({ seed: this.seed, giveawayKeyword: this.keyword, hostName: this.stream.hostName, mix: this.mix });
  }
}
