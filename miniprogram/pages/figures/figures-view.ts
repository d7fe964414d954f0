/** How the home page's figures teaser writes a rate: plain, rounded, with a dash before anything is known. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
