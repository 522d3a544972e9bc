/**
 * The numbers a hardening suite reports for the closing note (issue 7):
 * requests sent, answers by status, faults injected and survived, rows lost.
 * Printed with console.log at the end of the suite.
 */
export class Figures {
  private readonly statuses = new Map<number, number>();
  requests = 0;
  faultsInjected = 0;
  faultsSurvived = 0;
  rowsLost = 0;
  private readonly extra = new Map<string, number | string>();

  constructor(private readonly suite: string) {}

  answer(status: number): void {
    this.requests += 1;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  set(name: string, value: number | string): void {
    this.extra.set(name, value);
  }

  countOf(predicate: (status: number) => boolean): number {
    return [...this.statuses].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0);
  }

  print(): void {
    const byStatus = [...this.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    const lines = [
      `[hardening:${this.suite}] requests sent: ${this.requests}; answers by status: ${byStatus.join(', ') || 'none'}`,
      `[hardening:${this.suite}] faults injected: ${this.faultsInjected}, survived: ${this.faultsSurvived}; rows lost: ${this.rowsLost}`,
      ...[...this.extra].map(([name, value]) => `[hardening:${this.suite}] ${name}: ${value}`),
    ];
    console.log(lines.join('\n'));
  }
}
