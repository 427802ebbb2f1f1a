// A campaign's status as a badge, with "overdue" beside a running campaign past its due date.
export function CampaignStatus({ status, overdue }: { status: string; overdue: boolean }) {
  return (
    <>
      <span className={`camp-status camp-status-${status}`}>{status}</span>
      {overdue && <span className="camp-status camp-overdue">overdue</span>}
    </>
  );
}

export function Progress({ decided, total }: { decided: number; total: number }) {
  return (
    <span className="camp-progress">
      <meter min={0} max={Math.max(total, 1)} value={decided} aria-label={`${decided} of ${total} decided`} />
      <span className="small nowrap">
        {decided} / {total} decided
      </span>
    </span>
  );
}
