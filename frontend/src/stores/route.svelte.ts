// The current route as reactive state, fed by the hash router.
import { listen, parse, type Route } from '../lib/router';

export const current = $state<{ route: Route }>({
  route: typeof location === 'undefined' ? { name: 'incidents' } : parse(location.hash),
});

let stop: (() => void) | null = null;

/** Starts following the location hash; returns the function that stops it. */
export function startRouter(): () => void {
  stop?.();
  stop = listen((r) => {
    current.route = r;
  });
  return () => {
    stop?.();
    stop = null;
  };
}
