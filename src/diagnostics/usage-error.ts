/**
 * A problem with how the tool was invoked or with its surroundings (a missing
 * folder, an unreadable kubeconfig): exit code 2, never a stack trace.
 */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
