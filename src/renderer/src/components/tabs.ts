import type React from 'react';

/**
 * ARIA tabs' keys (Left/Right wrap, Home/End): the tab moved to is selected at once (automatic activation) and
 * takes focus. `domId` names each tab's element id, so focus can follow.
 */
export function onTabKeys<T extends string>(
  e: React.KeyboardEvent,
  ids: readonly T[],
  current: T,
  select: (id: T) => void,
  domId: (id: T) => string,
): void {
  const i = ids.indexOf(current);
  const next =
    e.key === 'ArrowRight'
      ? ids[(i + 1) % ids.length]
      : e.key === 'ArrowLeft'
        ? ids[(i - 1 + ids.length) % ids.length]
        : e.key === 'Home'
          ? ids[0]
          : e.key === 'End'
            ? ids.at(-1)
            : undefined;
  if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  select(next);
  document.getElementById(domId(next))?.focus();
}
