/** Progress lines on stderr: iteration, loss, iterations per second and time left, about once a second. */
export class ProgressReporter {
  private readonly started = performance.now();
  private lastPrinted = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(iteration: number, loss: number): void {
    const now = performance.now();
    if (now - this.lastPrinted < 1000 && iteration < this.total) return;
    this.lastPrinted = now;
    const seconds = (now - this.started) / 1000;
    const rate = iteration / Math.max(seconds, 1e-9);
    const left = (this.total - iteration) / Math.max(rate, 1e-9);
    const line =
      `iteration ${iteration}/${this.total}  loss ${loss.toFixed(4)}  ` +
      `${rate.toFixed(1)} it/s  ${formatDuration(left)} left`;
    this.stream.write(this.stream.isTTY ? `\r${line}   ` : `${line}\n`);
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
