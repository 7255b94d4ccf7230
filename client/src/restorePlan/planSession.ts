/**
 * The host side of one Restore plan panel, independent of VS Code: asks for the plan (and, when the panel was opened
 * from a checkpoint, what retarget would change), posts it to the view, and validates every message from the view:
 * it may only open files the plan names and mismatches the plan has. Tested with a fake webview.
 */
import { filesOfPlan, parsePlanViewToHost, type PlanHostToView, type PlanRetarget } from '../../../server/src/protocol/planWebview';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { Span } from '../../../server/src/protocol/span';

export interface PlanWebviewLike {
  postMessage(message: PlanHostToView): Thenable<boolean> | Promise<boolean> | boolean;
}

export interface PlanEnvironment {
  requestPlan(script: string): Promise<RestorePlanReply>;
  requestRetarget?(script: string, checkpoint: string): Promise<PlanRetarget>;
  /** Opens a file with this range selected (0-based span). */
  open(file: string, span: Span): void;
  /** Runs Point Restore at Checkpoint… for this script and checkpoint. */
  retarget(script: string, checkpoint: string): void;
  log(message: string): void;
}

/** Edits within this long of each other make one request. */
export const PLAN_DEBOUNCE_MS = 150;

export class PlanSession {
  private reply: RestorePlanReply | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Increments per request, so a slow older answer never replaces a newer one. */
  private generation = 0;
  private disposed = false;

  constructor(readonly script: string, private readonly view: PlanWebviewLike, private readonly env: PlanEnvironment, readonly checkpoint: string | null = null) {}

  private post(m: PlanHostToView): void {
    void Promise.resolve(this.view.postMessage(m)).catch((e) => this.env.log(`restore plan: post failed: ${String(e)}`));
  }

  /** Asks again once edits pause. */
  schedule(delay = PLAN_DEBOUNCE_MS): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, delay);
  }

  async refresh(): Promise<void> {
    const mine = ++this.generation;
    try {
      const [reply, retarget] = await Promise.all([
        this.env.requestPlan(this.script),
        this.checkpoint && this.env.requestRetarget ? this.env.requestRetarget(this.script, this.checkpoint) : Promise.resolve(null),
      ]);
      if (mine !== this.generation || this.disposed) return;
      this.reply = reply;
      this.post({ v: 1, type: 'plan', script: this.script, reply, retarget });
    } catch (e) {
      if (mine === this.generation && !this.disposed) this.post({ v: 1, type: 'error', message: `the plan could not be computed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  handle(raw: unknown): Promise<void> | void {
    const m = parsePlanViewToHost(raw);
    if (!m) {
      this.env.log(`restore plan: dropped an invalid message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (m.type) {
      case 'ready':
        return this.refresh();
      case 'openSource': {
        if (!this.reply || !filesOfPlan(this.script, this.reply).has(m.file)) {
          this.env.log(`restore plan: dropped openSource of a file the plan does not name: ${m.file.slice(0, 200)}`);
          return;
        }
        const line = m.line - 1;
        return this.env.open(m.file, { start: { line, character: 0 }, end: { line, character: 0 } });
      }
      case 'openMismatch': {
        const mm = this.reply?.plan?.map.mismatches[m.index];
        if (!mm) return;
        return this.env.open(mm.file, mm.span);
      }
      case 'retarget':
        if (this.checkpoint) this.env.retarget(this.script, this.checkpoint);
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
