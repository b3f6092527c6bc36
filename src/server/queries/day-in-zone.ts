/** The calendar day an instant falls on in a time zone (YYYY-MM-DD); UTC when the zone is unknown. */
export function dayInZone(iso: string, timeZone: string): string {
  const at = new Date(iso);
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
    const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return at.toISOString().slice(0, 10);
  }
}
