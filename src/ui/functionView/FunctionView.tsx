/** The function view: a held-out sinusoid, your own support points, and the adapted fits. */
export function FunctionView() {
  return null;
}
