import fs from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { Logger } from '../../kernel/logger.js';
import { BROWSER_ARGS, useChromiumSandbox } from './browser.js';
import { INGEST_BINDING, pageScriptConfig, pageScriptSource, type PagePayload } from './page-script.js';
import type { PlatformProfile } from './profiles.js';
import type { ChatPoster } from './sender.js';
import { WireFeed, type WireSink } from './wire/feed.js';
import type { WireDecoder } from './wire/types.js';

export interface BrowserSessionOptions {
  executablePath: string;
  headless: boolean;
  /** Persistent profile folder (one per account, so the seller logs in once). */
  profileDir: string;
  url: string;
  profile: PlatformProfile;
  logger: Logger;
  onPayload(payload: PagePayload, frame: Frame): void;
  /** The browser went away without being asked to (crash, window closed). */
  onLost(reason: string): void;
  /** The platform's data stream, when it has a decoder: each frame or body it reads goes to `sink`. */
  wire?: { decoder: WireDecoder; sink: WireSink; now: () => number };
}

type SelectorHealth = Record<string, { matched: string | null; tried: string[] }>;

/**
 * One persistent Chromium context showing one chat page. Knows how to launch, inject the ingest script,
 * post into the chat input and probe selectors; restarts are the driver's business (onLost).
 */
export class BrowserSession implements ChatPoster {
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private chatFrame: Frame | null = null;
  private closing = false;
  /** The page has shown its chat container at least once (the ingest script reported it). */
  attached = false;
  private input: { sel: string; editable: boolean } | null = null;
  /** The ingest script's id of the document whose chat is attached. */
  private chatDoc: string | null = null;
  private feed: WireFeed | null = null;

  constructor(private o: BrowserSessionOptions) {}

  async open(): Promise<void> {
    fs.mkdirSync(this.o.profileDir, { recursive: true });
    // Loaded on the first chat that opens: playwright-core is ~7 MB of source, held in memory once loaded.
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(this.o.profileDir, {
      executablePath: this.o.executablePath,
      headless: this.o.headless,
      args: BROWSER_ARGS,
      // Playwright turns the sandbox off unless asked; a seller's everyday browsing must keep it.
      chromiumSandbox: useChromiumSandbox(),
      viewport: this.o.headless ? { width: 1280, height: 900 } : null,
      // The app decides when its browsers close: Playwright's own signal handlers would kill them on Ctrl+C
      // before the send in progress is confirmed, and end the process with 130.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.context = context;
    // Closed while Chromium was starting: close() found no context to close, so close it here.
    if (this.closing) {
      await context.close().catch(() => {});
      throw new Error('The chat session was closed while it was opening');
    }
    context.on('close', () => {
      this.page = null;
      this.chatFrame = null;
      if (!this.closing) this.o.onLost('browser closed');
    });
    await context.exposeBinding(INGEST_BINDING, (source, payload: PagePayload) => {
      if (payload && Array.isArray(payload.rows)) {
        if (payload.attached) {
          this.chatFrame = source.frame;
          this.chatDoc = payload.doc;
          this.attached = true;
        }
        this.o.onPayload(payload, source.frame);
      }
    });
    await context.addInitScript({ content: pageScriptSource(pageScriptConfig(this.o.profile)) });
    const page = context.pages()[0] ?? (await context.newPage());
    this.page = page;
    if (this.o.wire) {
      const { decoder, sink, now } = this.o.wire;
      this.feed = new WireFeed(decoder, sink, now, (err) => this.o.logger.error('Chat wire sink failed:', err));
      this.feed.attach(page);
    }
    page.on('crash', () => {
      if (!this.closing) this.o.onLost('page crashed');
    });
    page.on('close', () => {
      if (!this.closing && this.page === page) this.o.onLost('chat tab closed');
    });
    // A reload or navigation to a new document in the chat's frame, or the frame going away (YouTube's chat is an
    // iframe, which a top-level reload detaches): wait for the new chat, and its restored rows, before posting.
    // framenavigated also fires for pushState and hash changes, which keep the document and its chat: those are
    // told apart by the ingest script's per-document id.
    const reset = () => {
      this.input = null;
      this.attached = false;
    };
    page.on('framenavigated', (f) => {
      if (f !== this.chatFrame) return;
      const attachedTo = this.chatDoc;
      void f
        .evaluate(() => (window as unknown as { __bcDoc?: string }).__bcDoc)
        .then(
          (d) => {
            if (d !== attachedTo && this.chatDoc === attachedTo) reset();
          },
          () => reset(),
        );
    });
    page.on('framedetached', (f) => {
      if (f === this.chatFrame) reset();
    });
    await page.goto(this.o.url, { waitUntil: 'domcontentloaded' });
    if (this.closing) throw new Error('The chat session was closed while it was opening');
  }

  get url(): string | null {
    return this.page && !this.page.isClosed() ? this.page.url() : null;
  }

  /** Posting waits until the page shows its chat (history delivered), so an echo restored with it confirms a send. */
  ready(): boolean {
    return this.page !== null && !this.page.isClosed() && this.attached && !(this.chatFrame?.isDetached() ?? false);
  }

  /** For tests and diagnostics: the page the chat runs in. */
  currentPage(): Page | null {
    return this.page;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.feed?.detach();
    const ctx = this.context;
    this.context = null;
    this.page = null;
    await ctx?.close().catch(() => {});
  }

  private frame(): Frame {
    if (!this.page || this.page.isClosed()) throw new Error('The chat page is not open');
    return this.chatFrame && !this.chatFrame.isDetached() ? this.chatFrame : this.page.mainFrame();
  }

  async post(text: string, submitting: () => void = () => {}): Promise<void> {
    const frame = this.frame();
    // Which input and whether it is contenteditable are cached: each round trip to the page is latency.
    const found = this.input ?? (await this.findInput(frame, this.o.profile.selectors.chatInput));
    if (!found) throw new Error(`No chat input found (tried: ${this.o.profile.selectors.chatInput.join(' | ')})`);
    this.input = found;
    const input = frame.locator(found.sel).first();
    const keyboard = frame.page().keyboard;
    try {
      if (found.editable) {
        // A contenteditable ignores value setters: type it the way a person would.
        await input.click({ timeout: 2000 });
        await keyboard.press('ControlOrMeta+A');
        await keyboard.insertText(text);
      } else {
        // fill() sends real input events, which a React-controlled textarea needs; it also focuses it.
        await input.fill(text, { timeout: 2000 });
      }
      submitting();
      await keyboard.press('Enter');
    } catch (err) {
      this.input = null;
      throw err;
    }
    // Sites that do not send on Enter keep the text in the input: press their send button instead.
    const left = await input.evaluate(
      (el) =>
        new Promise<string>((r) =>
          setTimeout(() => r((el as HTMLElement).isContentEditable ? (el.textContent ?? '') : ((el as HTMLInputElement).value ?? '')), 0),
        ),
    );
    if (left.trim().length === 0) return;
    const button = await this.findSendButton(frame, found.sel);
    if (!button) throw new Error(`Enter did not send and no send button was found (tried: ${this.o.profile.selectors.sendButton.join(' | ')})`);
    submitting();
    await frame.locator(button).first().click({ timeout: 2000 });
  }

  private async findInput(frame: Frame, selectors: string[]): Promise<{ sel: string; editable: boolean } | null> {
    return frame.evaluate((list) => {
      for (const s of list) {
        try {
          const el = document.querySelector(s) as HTMLElement | null;
          if (el) return { sel: s, editable: el.isContentEditable };
        } catch {
          /* an invalid user selector is skipped; the health probe shows it never matches */
        }
      }
      return null;
    }, selectors);
  }

  /** A bare `button[type=submit]` only counts inside the chat input's own form. */
  private async findSendButton(frame: Frame, inputSel: string): Promise<string | null> {
    const list = this.o.profile.selectors.sendButton;
    const found = await frame.evaluate(
      ({ list, inputSel }) => {
        const input = document.querySelector(inputSel);
        for (const s of list) {
          try {
            if (/^button\[type=["']?submit["']?\]$/.test(s)) {
              const form = input?.closest('form');
              if (form?.querySelector(s)) return { s, inForm: true };
            } else if (document.querySelector(s)) return { s, inForm: false };
          } catch {
            /* invalid selector */
          }
        }
        return null;
      },
      { list, inputSel },
    );
    if (!found) return null;
    return found.inForm ? `form:has(${inputSel}) ${found.s}` : found.s;
  }

  async probe(): Promise<SelectorHealth | null> {
    try {
      const frame = this.frame();
      return (await frame.evaluate(() => (window as unknown as { __bcProbe?: () => unknown }).__bcProbe?.() ?? null)) as SelectorHealth | null;
    } catch {
      return null;
    }
  }
}
