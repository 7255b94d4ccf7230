/**
 * The host side of one Restore plan panel, independent of VS Code: asks for the plan (and, when the panel was opened
 * from a checkpoint, what retarget would change), posts it to the view, and validates every message from the view:
 * it may only open files the plan names and mismatches the plan has. Tested with a fake webview.
 *
 * One scheduler per panel decides when to ask: edits of the script wait for a pause (PLAN_DEBOUNCE_MS); a change of
 * the script's diagnostics asks only when they differ from the findings the last plan was computed with (an edit's
 * own diagnostics follow the edit and say nothing new). The latest request wins: a newer one cancels the one in
 * flight, and an older answer is never shown over a newer one.
 */
import { filesOfPlan, parsePlanViewToHost, type PlanHostToView, type PlanRetarget } from '../../../server/src/protocol/planWebview';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { Span } from '../../../server/src/protocol/span';

export interface PlanWebviewLike {
  postMessage(message: PlanHostToView): Thenable<boolean> | Promise<boolean> | boolean;
}

export interface PlanEnvironment {
  /** `signal` aborts when a newer request supersedes this one (the client cancels the LSP request). */
  requestPlan(script: string, signal?: AbortSignal): Promise<RestorePlanReply>;
  requestRetarget?(script: string, checkpoint: string, signal?: AbortSignal): Promise<PlanRetarget>;
  /** findingsSignature of the script's diagnostics as the editor has them now; absent: every change asks again. */
  diagnosticsSignature?(): string;
  /** Opens a file with this range selected (0-based span). */
  open(file: string, span: Span): void;
  /** Runs Point Restore at Checkpoint… for this script and checkpoint. */
  retarget(script: string, checkpoint: string): void;
  log(message: string): void;
}

export interface PlanSessionOptions {
  /** Shown above the plan (e.g. the checkpoint the panel was restored with is gone). */
  notice?: string | null;
  /** No plan can be shown (the script is gone): the panel shows this and never asks the server. */
  failure?: string | null;
}

/** Edits within this long of each other make one request. */
export const PLAN_DEBOUNCE_MS = 150;

export class PlanSession {
  private reply: RestorePlanReply | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Increments per request, so a slow older answer never replaces a newer one. */
  private generation = 0;
  private inFlight: AbortController | null = null;
  /** Diagnostics changed while a request was in flight: compare once its answer is in. */
  private recheck = false;
  private disposed = false;
  private readonly notice: string | null;
  private readonly failure: string | null;

  constructor(readonly script: string, private readonly view: PlanWebviewLike, private readonly env: PlanEnvironment, readonly checkpoint: string | null = null, opts: PlanSessionOptions = {}) {
    this.notice = opts.notice ?? null;
    this.failure = opts.failure ?? null;
  }

  private post(m: PlanHostToView): void {
    void Promise.resolve(this.view.postMessage(m)).catch((e) => this.env.log(`restore plan: post failed: ${String(e)}`));
  }

  /** Asks again once edits pause (an edit, or anything else that needs a new plan). */
  schedule(delay = PLAN_DEBOUNCE_MS): void {
    if (this.disposed || this.failure) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, delay);
  }

  /** The script was edited: the plan in flight describes older text, so it is cancelled; one request once edits pause. */
  edited(delay = PLAN_DEBOUNCE_MS): void {
    this.cancelInFlight();
    this.schedule(delay);
  }

  /** The script's diagnostics changed: ask again only if they say something the last plan did not. */
  diagnosticsChanged(): void {
    if (this.disposed || this.failure || this.timer) return; // a request is coming anyway
    if (this.inFlight) {
      this.recheck = true;
      return;
    }
    if (!this.showsCurrentDiagnostics()) this.schedule();
  }

  private showsCurrentDiagnostics(): boolean {
    const sig = this.reply?.findings.signature;
    return sig !== undefined && this.env.diagnosticsSignature !== undefined && this.env.diagnosticsSignature() === sig;
  }

  private cancelInFlight(): void {
    this.inFlight?.abort();
    this.inFlight = null;
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    if (this.failure) {
      this.post({ v: 1, type: 'error', message: this.failure });
      return;
    }
    this.cancelInFlight();
    const mine = ++this.generation;
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      const [reply, retarget] = await Promise.all([
        this.env.requestPlan(this.script, abort.signal),
        this.checkpoint && this.env.requestRetarget ? this.env.requestRetarget(this.script, this.checkpoint, abort.signal) : Promise.resolve(null),
      ]);
      if (mine !== this.generation || this.disposed || abort.signal.aborted) return;
      this.reply = reply;
      this.post({ v: 1, type: 'plan', script: this.script, checkpoint: this.checkpoint, notice: this.notice, reply, retarget });
    } catch (e) {
      if (mine === this.generation && !this.disposed && !abort.signal.aborted) this.post({ v: 1, type: 'error', message: `the plan could not be computed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (this.inFlight === abort) {
        this.inFlight = null;
        if (this.recheck && !abort.signal.aborted) {
          this.recheck = false;
          this.diagnosticsChanged();
        }
      }
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
    this.cancelInFlight();
  }
}
