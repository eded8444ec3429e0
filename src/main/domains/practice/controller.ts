import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import { seededRandom, ViewerChatGenerator } from './generator.js';
import { PracticeFeed } from './feed.js';
import { newMsgPayload } from './phoenix.js';
import {
  DEFAULT_MIX,
  type ChatMix,
  type ConfigBody,
  type HostileConfig,
  type PathsBody,
  type PathsState,
  type PracticeOptions,
  type SocketConfig,
} from './schema.js';
import { PracticeShow } from './show.js';
import { PracticeSimulator } from './simulator.js';
import { PracticeSocketHub } from './socket.js';
import { PracticeStream } from './stream.js';

const DEFAULT_HOSTILE: HostileConfig = { rerenderEveryMs: 0, reloadEveryMs: 0, detachEveryMs: 0, dropSocketEveryMs: 0, mountedRows: 50 };
const DEFAULT_SOCKET: SocketConfig = { heartbeatMs: 30_000, reconnectBaseMs: 100, reconnectMaxMs: 5_000 };

/** Ties the stream, the show, the socket and the simulator together behind the operations the control API offers. */
export class PracticeController {
  readonly stream: PracticeStream;
  readonly simulator: PracticeSimulator;
  readonly show: PracticeShow;
  readonly hub: PracticeSocketHub;
  readonly feed: PracticeFeed;
  private paths: PathsState = { frames: 'flowing', markup: 'whatnot' };
  private generator: ViewerChatGenerator;
  private mix: ChatMix;
  private keyword: string;
  private seed: number;
  private socket: SocketConfig;

  constructor(
    clock: Clock,
    private opts: PracticeOptions,
  ) {
    const hostile = { ...DEFAULT_HOSTILE, ...opts.hostile };
    this.socket = { ...DEFAULT_SOCKET, ...opts.socket };
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
    this.show = new PracticeShow(
      this.stream,
      clock,
      seededRandom(opts.seed ^ 0x2545f491),
      opts.livestreamId ?? crypto.randomUUID(),
      () => this.keyword,
    );
    this.hub = new PracticeSocketHub({
      stream: this.stream,
      show: this.show,
      clock,
      paths: () => this.paths,
      pageConfig: () => this.pageConfig(),
      heartbeatMs: () => this.socket.heartbeatMs,
    });
    this.feed = new PracticeFeed(this.stream, () => this.show.livestreamId);
    this.generator = this.newGenerator();
    this.simulator = new PracticeSimulator(this.stream, this.generator, this.show, this.hub, opts.rate, opts.seed);
    this.simulator.showEveryMs = opts.showEveryMs;
    this.simulator.applyHostile(hostile);
  }

  start(port: number): void {
    this.hub.port = port;
    if (this.opts.simulate) this.simulator.start();
  }

  stop(): void {
    this.simulator.stopAll();
    this.show.close();
    this.hub.close();
    this.feed.close();
  }

  configure(body: ConfigBody) {
    const s = this.stream;
    if (body.rate !== undefined) this.simulator.rate = body.rate;
    if (body.showEveryMs !== undefined) this.simulator.setShowEvery(body.showEveryMs);
    if (body.mix) this.mix = { ...this.mix, ...body.mix };
    if (body.giveawayKeyword !== undefined) this.keyword = body.giveawayKeyword;
    if (body.hostName !== undefined) s.hostName = body.hostName;
    if (body.viewers !== undefined) s.setViewers(body.viewers);
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
    if (body.hostName !== undefined || body.hostile?.mountedRows !== undefined) {
      s.control({ action: 'config', hostName: s.hostName, mountedRows: s.hostile.mountedRows });
    }
    return this.state();
  }

  /** Breaks (or mends) the socket path or the DOM path; the other keeps carrying the chat. */
  setPaths(body: PathsBody) {
    this.paths = { ...this.paths, ...body };
    this.stream.control({ action: 'paths', ...this.paths });
    return this.state();
  }

  setLive(live: boolean) {
    this.stream.setLive(live);
    return this.state();
  }

  reset() {
    this.stream.reset();
    return this.state();
  }

  /** What the page needs besides chat: in its HTML and in the control channel's join reply. */
  pageConfig() {
    const s = this.stream;
    return {
      livestreamId: this.show.livestreamId,
      hostName: s.hostName,
      mountedRows: s.hostile.mountedRows,
      live: s.live,
      viewers: s.viewers,
      paths: this.paths,
      socket: this.socket,
    };
  }

  /** The page's first paint: config, the show on screen and the recent chat, as a server-rendered page has them. */
  pageBoot() {
    const id = this.show.livestreamId;
    return {
      config: this.pageConfig(),
      title: this.show.title,
      pinnedProduct: this.show.pinnedProduct(),
      history: this.stream.history().map((m) => newMsgPayload(m, id)),
      cursor: this.stream.lastSeq,
    };
  }

  state() {
    const s = this.stream;
    return {
      live: s.live,
      viewers: s.viewers,
      hostName: s.hostName,
      livestreamId: this.show.livestreamId,
      pages: this.hub.pages,
      socketDrops: this.hub.drops,
      paths: this.paths,
      simulation: {
        running: this.simulator.running,
        rate: this.simulator.rate,
        seed: this.seed,
        giveawayKeyword: this.keyword,
        mix: this.mix,
        generated: this.simulator.generatedCount,
        showEveryMs: this.simulator.showEveryMs,
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
