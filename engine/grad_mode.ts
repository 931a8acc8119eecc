let enabled = true;

/** Whether operations record the graph now (false inside {@linkcode noGrad}). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` with graph recording off, like PyTorch's `with torch.no_grad():`: results made
 * inside are leaves that do not require grad, so parameter updates stay out of the graph.
 * Returns what `fn` returns; recording is restored even when `fn` throws. Nests.
 *
 * @example
 * noGrad(() => w.data[0] -= 0.01 * w.grad!.data[0]);
 * const next = noGrad(() => w.sub(w.grad!.mul(0.01))); // a new leaf, no history
 */
export function noGrad<T>(fn: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}
