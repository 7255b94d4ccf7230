/** One budget per run, so that no script (hostile or just large) can make the model spin or grow without bound. */
export interface Budget {
  steps: number;
  callDepth: number;
  /** Iterations one loop is unrolled before its body is treated as "ran an unknown number of times". */
  unroll: number;
  /** Items one range()/repetition may produce. */
  sequence: number;
  heapObjects: number;
  wallMs: number;
}

export const DEFAULT_BUDGET: Budget = {
  steps: 2_000_000,
  callDepth: 48,
  unroll: 4096,
  sequence: 100_000,
  heapObjects: 500_000,
  wallMs: 3000,
};

export class BudgetExceeded extends Error {
  constructor(readonly what: string) {
    super(`model budget exceeded: ${what}`);
  }
}

export class Meter {
  steps = 0;
  objects = 0;
  private readonly deadline: number;

  constructor(readonly budget: Budget) {
    this.deadline = Date.now() + budget.wallMs;
  }

  step(): void {
    if (++this.steps > this.budget.steps) throw new BudgetExceeded(`more than ${this.budget.steps} steps`);
    if ((this.steps & 0x3fff) === 0 && Date.now() > this.deadline) throw new BudgetExceeded(`more than ${this.budget.wallMs} ms`);
  }

  allocate(): void {
    if (++this.objects > this.budget.heapObjects) throw new BudgetExceeded(`more than ${this.budget.heapObjects} objects`);
  }
}

/** A Python exception the model knows is raised (a KeyError on a complete dict, an IndexError on a complete list). */
export class PyRaise extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

/** sys.exit()/exit(): SystemExit, which `except Exception` does not catch; `status` is the exit code when known. */
export class PyExit extends PyRaise {
  constructor(readonly status: bigint | null) {
    super('SystemExit');
  }
}
