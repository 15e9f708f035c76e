/**
 * Someone who asked their phone or computer for less motion (WCAG 2.3.3) gets none: antd's
 * transitions are switched off (App.tsx), charts draw at once (EChart.tsx) and styles.css stops our
 * own. Read once, when the app loads.
 */
export const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
