/**
 * How an alert reaches a seller who is not looking at the dashboard: a native notification (the desktop shell
 * grants the permission to the dashboard's own page; a browser asks only when the seller turns it on) and an
 * optional short beep. Both preferences are kept in localStorage.
 */

const NOTIFY_KEY = 'buzzchat.alerts.notify';
const SOUND_KEY = 'buzzchat.alerts.sound';

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // storage refused (private mode): the choice holds for this window only
  }
}

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** On unless turned off, where the permission is granted (the desktop app grants it). */
export function notifyEnabled(): boolean {
  return notifyPermission() === 'granted' && read(NOTIFY_KEY) !== 'off';
}

/** Turning on asks for the permission: call from the seller's click (browsers refuse otherwise). */
export async function setNotifyEnabled(on: boolean): Promise<boolean> {
  write(NOTIFY_KEY, on ? 'on' : 'off');
  if (!on || notifyPermission() === 'unsupported') return false;
  if (Notification.permission === 'default') await Notification.requestPermission();
  return notifyEnabled();
}

export function soundEnabled(): boolean {
  return read(SOUND_KEY) === 'on';
}

export function setSoundEnabled(on: boolean): void {
  write(SOUND_KEY, on ? 'on' : 'off');
}

/** Whether the seller may not see the strip now: another tab, a minimised window, another app in front. */
export function pageUnseen(): boolean {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}

export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (!notifyEnabled()) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker: the strip still shows the alert.
  }
}

let audio: AudioContext | null = null;

/** A short two-tone beep (about 0.25 s), quiet enough not to reach the stream's audio much. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
    for (const [freq, at] of [
      [880, 0],
      [660, 0.12],
    ] as const) {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(t + at);
      osc.stop(t + at + 0.12);
    }
  } catch {
    // No audio output: the strip and the notification still tell.
  }
}
