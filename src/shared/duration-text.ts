/** Seconds as a duration whose precision falls as it grows: "20 s", "4 min 5 s", "12 min", "1 h 5 min". Shared by the CLI's progress bars and the workbench's. */
export function durationText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
