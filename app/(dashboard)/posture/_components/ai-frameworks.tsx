// The AI-governance frameworks on the Posture page (issue 21): each one's score, how many of its items are
// assessed, and per item the controls and checks it rests on. Server-rendered; the items open in a <details>.
import Link from 'next/link';
import { CHECKS, FRAMEWORK_KEYS, FRAMEWORK_LABELS, frameworkCatalogue } from '@/lib/frameworks/catalogues.ts';
import type { Posture } from '@/lib/posture/score.ts';
import { Score } from './status-badge.tsx';

const checkHref = (id: string) =>
  id.startsWith('finding:')
    ? `/findings?kind=${encodeURIComponent(id.slice('finding:'.length))}`
    : id.startsWith('rule:')
      ? `/alerts?rule=${encodeURIComponent(id.slice('rule:'.length))}`
      : id.startsWith('campaign:')
        ? '/campaigns'
        : '/actions';

export function AiFrameworks({ frameworks }: { frameworks: Posture['frameworks'] }) {
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th>Framework</th>
            <th>Edition</th>
            <th className="num">Score</th>
            <th className="num">Items assessed</th>
          </tr>
        </thead>
        <tbody>
          {FRAMEWORK_KEYS.map((k) => (
            <tr key={k}>
              <td>
                <a href={`#fw-${k}`}>{FRAMEWORK_LABELS[k]}</a>
              </td>
              <td className="small">{frameworkCatalogue(k).edition}</td>
              <td className="num">
                <Score value={frameworks[k].score} />
              </td>
              <td className="num">
                {frameworks[k].assessed} of {frameworks[k].total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        An item scores the mean of the controls mapped to it and of the checks mapped to it (each the share of its
        records that passes, 0–100); an item with nothing mapped is not assessed and left out of the framework’s mean. A
        mapping is evidence for the item, not a certification. Ids and short titles are Tollgate’s own words, not the
        standards’ text.
      </p>
      {FRAMEWORK_KEYS.map((k) => (
        <details key={k} id={`fw-${k}`}>
          <summary>
            {FRAMEWORK_LABELS[k]}: {frameworks[k].assessed} of {frameworks[k].total} items assessed
          </summary>
          <table className="table small">
            <thead>
              <tr>
                <th>Item</th>
                <th>Title</th>
                <th className="num">Score</th>
                <th>Evidence from</th>
              </tr>
            </thead>
            <tbody>
              {frameworks[k].items.map((i) => (
                <tr key={i.id}>
                  <td>{i.id}</td>
                  <td>{i.title}</td>
                  <td className="num">
                    {i.score === null ? <span className="muted">not assessed</span> : <Score value={i.score} />}
                  </td>
                  <td>
                    {i.controls.map((c, n) => (
                      <span key={c}>
                        {n > 0 && ', '}
                        <Link href={`/posture/${c}`}>{c}</Link>
                      </span>
                    ))}
                    {i.controls.length > 0 && i.checks.length > 0 && '; '}
                    {i.checks.map((c, n) => (
                      <span key={c}>
                        {n > 0 && ', '}
                        <Link href={checkHref(c)}>{CHECKS.get(c)?.title ?? c}</Link>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
}
