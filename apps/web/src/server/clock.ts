/**
 * The dashboard's clock: the one place the web app reads the real time. Pages, actions and API handlers
 * take "now" from here (or from their context), so tests pass a pinned clock and no decision in the web
 * app depends on the date the suite happens to run on.
 */
export const systemClock: () => number = () => Date.now();
