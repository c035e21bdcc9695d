/** How many feedback items of a market fell under each theme in a period. */
export interface FeedbackThemeCount {
  theme: string;
  count: number;
}

/**
 * Where the governance report gets its feedback themes. The feedback lib provides one under
 * FEEDBACK_THEME_SOURCE; until then the report says that no feedback has been collected.
 */
export interface FeedbackThemeSource {
  /** Themes of the market's feedback received from `from` up to (not including) `to`, most frequent first. */
  themes(marketId: string, from: Date, to: Date): Promise<FeedbackThemeCount[]>;
}

/** Injection token for the feedback theme source (optional). */
export const FEEDBACK_THEME_SOURCE = Symbol('FEEDBACK_THEME_SOURCE');

/** The stand-in while nothing collects feedback: no themes. */
export class NoFeedbackThemes implements FeedbackThemeSource {
  themes(): Promise<FeedbackThemeCount[]> {
    return Promise.resolve([]);
  }
}
