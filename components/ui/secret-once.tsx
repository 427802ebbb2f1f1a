'use client';
// A secret shown once, right after it was made (SCIM token, API token, webhook signing secret): the action's
// message, the value with a copy button, and a line saying what to do with it. After a reload it is gone for good.
import { useState } from 'react';
import './secret-once.css';

export function SecretOnce({
  message,
  label,
  secret,
  children,
}: {
  message?: string;
  /** The accessible name of the value, e.g. "New API token SIEM pull". */
  label: string;
  secret: string;
  children: React.ReactNode;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(secret);
    } catch {
      setCopied(null);
    }
  }
  return (
    <div className="secret-once" role="status">
      <p className="form-message ok">{message}</p>
      <div className="secret-once-row">
        <output aria-label={label}>
          <code className="key">{secret}</code>
        </output>
        <button className="button button-small" type="button" onClick={copy}>
          {copied === secret ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted small">{children}</p>
    </div>
  );
}
