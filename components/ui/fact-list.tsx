// A short list of named facts (a submission's configuration, a workload's
// task and target): a two-column <dl>, the name beside its value.
export type Fact = [name: string, value: React.ReactNode];

export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
      {facts.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
