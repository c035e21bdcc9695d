/** A group of a breakdown, before the anonymity rule is applied. */
export interface Group<T> {
  key: string;
  /** The size the rule looks at (respondents, or people invited for response rates). */
  size: number;
  figures: T;
}

export type ShownGroup<T> = ({ key: string } & T) | { key: string; suppressed: true };

/**
 * The anonymity rule, in one place: a group smaller than `minimum` is returned with no figure at
 * all, and when exactly one group of a breakdown is hidden, the next-smallest is hidden too, so
 * that no hidden group can be worked out by subtracting the shown ones from the total.
 */
export function suppressSmallGroups<T extends object>(groups: Group<T>[], minimum: number): ShownGroup<T>[] {
  const hidden = new Set(groups.filter((group) => group.size < minimum).map((group) => group.key));
  if (hidden.size === 1) {
    const next = groups.filter((group) => !hidden.has(group.key)).sort((a, b) => a.size - b.size || a.key.localeCompare(b.key))[0];
    if (next) hidden.add(next.key);
  }
  return groups.map((group) => (hidden.has(group.key) ? { key: group.key, suppressed: true as const } : { key: group.key, ...group.figures }));
}
