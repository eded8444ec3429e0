import { useEffect, useState } from 'react';

/**
 * "Make this an FAQ" on a chat line opens Bot settings at `#/settings?faq=<the line's words>`. The FAQ editor
 * (Bot settings) reads them with useFaqPrefill() to start a new rule with them as its trigger, then calls
 * consume() so a reload does not add it again. A URL, so the request survives the screen switch and a reload.
 */

const TRIGGER_MAX = 100;

/** The link that opens the FAQ editor with `text` as the new rule's trigger. */
export function faqPrefillHash(text: string): string {
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[?!.,;:]+$/, '')
    .slice(0, TRIGGER_MAX);
  return `#/settings?faq=${encodeURIComponent(words)}`;
}

/** The trigger asked for in a hash like `#/settings?faq=...`, or null. */
export function readFaqPrefill(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const value = new URLSearchParams(hash.slice(q + 1)).get('faq');
  return value && value.trim() ? value.trim() : null;
}

/** For the FAQ editor: the trigger the Live chat asked to start a rule with (null when none), and consume(). */
export function useFaqPrefill(): { trigger: string | null; consume(): void } {
  const [trigger, setTrigger] = useState(() => readFaqPrefill(window.location.hash));
  useEffect(() => {
    const onHash = () => setTrigger(readFaqPrefill(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return {
    trigger,
    consume: () => {
      // replaceState fires no hashchange: the screen stays, the request is gone.
      history.replaceState(null, '', window.location.hash.replace(/\?.*$/, ''));
      setTrigger(null);
    },
  };
}
