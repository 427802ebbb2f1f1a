// The CISO's view of the posture on Overview, from the latest snapshot: scores, trend, top risks, frameworks.
// Every figure links to the records behind it.
import Link from 'next/link';
import { formatUtc } from '@/lib/format.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { postureOverview } from '@/lib/posture/overview.ts';
import { FORMULA, FRAMEWORKS, type Framework } from '@/lib/posture/score.ts';
import { TrendChart } from './posture-trend.tsx';
import { frameworkLines, RISK_LINES, scoreLines } from './trend-palette.ts';
import { FRAMEWORK_KEYS, FRAMEWORK_LABELS } from '@/lib/frameworks/catalogues.ts';
import '@/app/(dashboard)/posture/posture.css';

const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

type Props = { db: PageContext['db']; workspaceId: string };

export async function PosturePanel({ db, workspaceId }: Props) {
  const { at, data: p, trend, expired } = await postureOverview(db, workspaceId);
  // The 6.4 check links the first exposed agents; the count is the snapshot's, shown with its time on every line
  // (the inventory panel shows the same figure from the same snapshot: one exposed count on the page).
  const exposed = p.controls.find((c) => c.id === '6.4')?.checks.find((k) => k.id === 'no-exposed')?.records ?? [];
  const exposedCount = p.counts.trifecta.exposed;
  const failingL1 = p.controls.filter((c) => c.level === 'L1' && (c.status === 'fail' || c.status === 'partial'));
  const stale = p.controls.filter((c) => c.status === 'stale');
  return (
    <>
      <section className="panel" aria-labelledby="posture-title">
        <h2 id="posture-title">Posture against the hardening guide</h2>
        <p className="small muted">
          As of the snapshot of {formatUtc(at)}. <Link href="/posture">Every control, with its reasons</Link>.
        </p>
        <div className="score-cards">
          <Link className="score-card" href="/posture">
            <span className="muted small">Overall</span>
            <span className="score">{fmt(p.overall)}</span>
          </Link>
          {(['L1', 'L2', 'L3'] as const).map((l) => (
            <Link key={l} className="score-card" href="/posture">
              <span className="muted small">{l}</span>
              <span className="score">{fmt(p.levels[l])}</span>
            </Link>
          ))}
          <div className="score-card">
            <span className="muted small">L1 complete?</span>
            <span className={`state ${p.l1Complete ? 'state-mitigated' : 'state-exposed'}`}>
              {p.l1Complete ? 'Yes' : `No — ${failingL1.length} L1 not passing`}
            </span>
          </div>
        </div>
        <p className="small muted formula">{FORMULA}</p>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">Trend</h2>
          {trend.length < 2 ? (
            <p className="small muted">
              Snapshots are taken when a score moves and daily; the trend fills in from here ({trend.length} day so
              far).
            </p>
          ) : null}
          <TrendChart
            label="Posture score, overall and by section (0–100)"
            points={trend}
            lines={scoreLines(p.sections)}
            percent
          />
          <TrendChart label="Trifecta agents, open alerts and expiring exceptions" points={trend} lines={RISK_LINES} />
          <TrendChart
            label="AI-governance framework scores (0–100)"
            points={trend}
            lines={frameworkLines(FRAMEWORK_KEYS.map((key) => ({ key, title: FRAMEWORK_LABELS[key] })))}
            percent
          />
          <table className="table small">
            <caption className="small muted">
              Latest: trifecta agents, open alerts, exceptions expiring within 14 days
            </caption>
            <tbody>
              <tr>
                <td>Trifecta agents</td>
                <td>
                  <Link href="/agents?state=exposed">{p.counts.trifecta.exposed} exposed</Link> ·{' '}
                  {p.counts.trifecta.mitigated} mitigated · {p.counts.trifecta.accepted} accepted{' '}
                  <span className="muted">· as of {formatUtc(at)}</span>
                </td>
              </tr>
              <tr>
                <td>Open alerts</td>
                <td>
                  <Link href="/alerts?severity=critical">{p.counts.alerts.critical} critical</Link> ·{' '}
                  {p.counts.alerts.high} high · {p.counts.alerts.medium} medium · {p.counts.alerts.low} low
                </td>
              </tr>
              <tr>
                <td>Exceptions expiring</td>
                <td>
                  <Link href="/exceptions">{p.counts.exceptionsExpiring}</Link>
                </td>
              </tr>
            </tbody>
          </table>
        </section>
        <section className="panel" aria-labelledby="risks-title">
          <h2 id="risks-title">Top risks</h2>
          <ul className="plain-list risks">
            <li>
              <strong>
                {exposedCount} agent{exposedCount === 1 ? '' : 's'} exposed to the lethal trifecta
              </strong>{' '}
              <span className="muted small">as of {formatUtc(at)}</span>
              {exposed.length > 0 && (
                <>
                  {' '}
                  —{' '}
                  {exposed.slice(0, 5).map((r, i) => (
                    <span key={r.href ?? r.label}>
                      {i > 0 && ', '}
                      {r.href ? <Link href={r.href}>{r.label}</Link> : r.label}
                    </span>
                  ))}
                  {exposedCount > 5 && (
                    <>
                      {' '}
                      and <Link href="/agents?state=exposed">{exposedCount - 5} more</Link>
                    </>
                  )}
                </>
              )}
            </li>
            <li>
              <strong>
                {expired.length} expired exception{expired.length === 1 ? '' : 's'}
              </strong>
              {expired.length > 0 && (
                <>
                  {' '}
                  —{' '}
                  {expired.map((e, i) => (
                    <span key={e.id}>
                      {i > 0 && ', '}
                      <Link href={`/exceptions/${e.id}`}>{e.title}</Link>
                    </span>
                  ))}
                </>
              )}
            </li>
            <li>
              <strong>
                {failingL1.length} L1 control{failingL1.length === 1 ? '' : 's'} not passing
              </strong>
              {failingL1.length > 0 && (
                <>
                  {' '}
                  —{' '}
                  {failingL1.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ', '}
                      <Link href={`/posture/${c.id}`}>
                        {c.id} {c.title}
                      </Link>{' '}
                      ({c.status})
                    </span>
                  ))}
                </>
              )}
            </li>
            <li>
              <strong>
                {stale.length} stale attestation{stale.length === 1 ? '' : 's'}
              </strong>
              {stale.length > 0 && (
                <>
                  {' '}
                  —{' '}
                  {stale.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ', '}
                      <Link href={`/posture/${c.id}`}>
                        {c.id} {c.title}
                      </Link>
                    </span>
                  ))}
                </>
              )}
            </li>
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="frameworks-title">
        <h2 id="frameworks-title">Framework coverage</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Framework</th>
              <th className="num">Score</th>
              <th className="num">Items assessed</th>
              <th>Lowest items</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(FRAMEWORKS) as Framework[]).map((f) => {
              const items = p.frameworks[f].items.filter((i) => i.score !== null).sort((a, b) => a.score! - b.score!);
              return (
                <tr key={f}>
                  <td>{FRAMEWORKS[f]}</td>
                  <td className="num">{fmt(p.frameworks[f].score)}</td>
                  <td className="num">
                    {p.frameworks[f].items.filter((i) => i.score !== null).length} of {p.frameworks[f].items.length}
                  </td>
                  <td className="small">
                    {items.slice(0, 3).map((i, n) => (
                      <span key={i.id}>
                        {n > 0 && ' · '}
                        {i.id} {fmt(i.score)} (<Link href={`/posture/${i.controls[0]}`}>{i.controls.join(', ')}</Link>)
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
            {FRAMEWORK_KEYS.map((k) => {
              // Snapshots taken before the AI frameworks were scored have none: the row reads "—" until the next.
              const fw = p.frameworks[k];
              const items = (fw?.items ?? []).filter((i) => i.score !== null).sort((a, b) => a.score! - b.score!);
              return (
                <tr key={k}>
                  <td>
                    <Link href={`/posture#fw-${k}`}>{FRAMEWORK_LABELS[k]}</Link>
                  </td>
                  <td className="num">{fmt(fw?.score ?? null)}</td>
                  <td className="num">{fw ? `${fw.assessed} of ${fw.total}` : '—'}</td>
                  <td className="small">
                    {items.slice(0, 3).map((i, n) => (
                      <span key={i.id}>
                        {n > 0 && ' · '}
                        {i.id} {fmt(i.score)}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="small muted">
          Items with nothing mapped to them are not assessed and left out of a framework’s score; a mapping is evidence,
          not certification.
        </p>
        <p className="small muted print-hide">
          Print this page or save it as PDF for a board report: navigation is left out of the print.
        </p>
      </section>
    </>
  );
}
