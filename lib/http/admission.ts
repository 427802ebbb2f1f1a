// Admission control (decision 0035): at most `limit` requests are let in to render at once; one more is answered
// 503 with Retry-After before anything renders. Pure: no Next, no Node HTTP — the gate (admission-gate.ts) feeds
// it, and the unit tests drive it with a clock of their own.

export type ShedReport = {
  /** Requests shed since the previous report. */
  shed: number;
  /** Requests shed since the process started. */
  shedTotal: number;
  inFlight: number;
  limit: number;
};

export type AdmissionStatus = {
  /** True while a request was shed in the last SHEDDING_WINDOW_MS. */
  shedding: boolean;
  inFlight: number;
  limit: number;
  shedTotal: number;
};

/** How long after its last refusal an instance still says it is shedding (health answer). */
export const SHEDDING_WINDOW_MS = 10_000;
/** At most one log line a second, however many requests are shed. */
export const REPORT_INTERVAL_MS = 1_000;

export type Timer = { unref?: () => unknown };

export type AdmissionDeps = {
  now?: () => number;
  report: (report: ShedReport) => void;
  /** Schedules the report of sheds that came after the last line (setTimeout in production). */
  later?: (run: () => void, ms: number) => Timer;
  random?: () => number;
};

export class Admission {
  private inFlight = 0;
  private shedTotal = 0;
  private unreported = 0;
  private lastShedAt = Number.NEGATIVE_INFINITY;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private reportPending = false;
  private readonly now: () => number;
  private readonly later: (run: () => void, ms: number) => Timer;
  private readonly random: () => number;

  constructor(
    readonly limit: number,
    private readonly deps: AdmissionDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.later = deps.later ?? ((run, ms) => setTimeout(run, ms));
    this.random = deps.random ?? Math.random;
  }

  /**
   * A release function when admitted (call it once the answer is finished or abandoned), or null: shed it.
   * A speculative request (a router prefetch) is let in only while half the slots are free: a page's burst of
   * prefetches is refused first and never takes the slots a person's own click or an API call needs.
   */
  tryAdmit(speculative = false): (() => void) | null {
    const room = speculative ? Math.max(1, Math.floor(this.limit / 2)) : this.limit;
    if (this.inFlight < room) {
      this.inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
      };
    }
    this.shedTotal += 1;
    this.unreported += 1;
    this.lastShedAt = this.now();
    this.scheduleReport();
    return null;
  }

  /** Seconds a shed client should wait: 1–3, spread so that refused clients do not all come back at once. */
  retryAfterSeconds(): number {
    return 1 + Math.floor(this.random() * 3);
  }

  status(): AdmissionStatus {
    return {
      shedding: this.now() - this.lastShedAt < SHEDDING_WINDOW_MS,
      inFlight: this.inFlight,
      limit: this.limit,
      shedTotal: this.shedTotal,
    };
  }

  private scheduleReport() {
    if (this.reportPending) return;
    const wait = this.lastReportAt + REPORT_INTERVAL_MS - this.now();
    if (wait <= 0) return this.flush();
    this.reportPending = true;
    this.later(() => {
      this.reportPending = false;
      this.flush();
    }, wait).unref?.();
  }

  private flush() {
    if (this.unreported === 0) return;
    this.lastReportAt = this.now();
    const shed = this.unreported;
    this.unreported = 0;
    this.deps.report({ shed, shedTotal: this.shedTotal, inFlight: this.inFlight, limit: this.limit });
  }
}
