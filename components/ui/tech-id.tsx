'use client';
// A technical identifier (rule id, configuration hash, category id) shown second to plain words: monospace,
// shortened if asked, with a button that copies the whole value.
import { useState } from 'react';
import './tech-id.css';

export function TechId({ value, short, label }: { value: string; short?: number; label?: string }) {
  const [copied, setCopied] = useState(false);
  const shown = short && value.length > short ? `${value.slice(0, short)}…` : value;
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <span className="tech-id">
      <code title={value}>{shown}</code>
      <button type="button" className="tech-id-copy" onClick={copy} aria-label={`Copy ${label ?? 'id'} ${value}`}>
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}
