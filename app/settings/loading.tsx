export default function SettingsLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading settings…</span>
      <div className="h-8 w-40 animate-pulse rounded bg-muted" />
      {Array.from({ length: 4 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder sections
        <div key={i} className="h-28 max-w-4xl animate-pulse rounded bg-muted" />
      ))}
    </div>
  );
}
