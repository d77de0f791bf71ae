/**
 * The permission engine: the template's declared ___SERVER_PERMISSIONS___ against the checks
 * each API family registers for a publicId.
 */
import type { PermissionCheck } from '../apis/family';
import type { Permission, PermissionMode } from '../types';

export interface PermissionDecision {
  /** Undefined when allowed. Otherwise a message naming the API, the permission and why. */
  message?: string;
}

export class PermissionEngine {
  constructor(
    private readonly declared: Permission[],
    private readonly checks: Record<string, PermissionCheck>,
    readonly mode: PermissionMode,
  ) {}

  /** Why `publicId` does not allow these arguments, or undefined when it does. */
  denial(publicId: string, args: unknown[]): { undeclared: boolean; reason: string } | undefined {
    const permission = this.declared.find((p) => p.publicId === publicId);
    if (!permission) return { undeclared: true, reason: `the template does not declare the ${publicId} permission` };
    const check = this.checks[publicId];
    if (!check) return undefined;
    let reason: string | undefined;
    try {
      reason = check(permission.params ?? {}, ...args);
    } catch (err) {
      reason = `cannot be evaluated (${(err as Error).message}); fix its parameters in ___SERVER_PERMISSIONS___`;
    }
    return reason === undefined ? undefined : { undeclared: false, reason };
  }

  /** The full message for a denied call, e.g. `sendHttpRequest: send_http does not allow …`. */
  message(publicId: string, api: string, args: unknown[]): string | undefined {
    const denied = this.denial(publicId, args);
    if (!denied) return undefined;
    return denied.undeclared ? `${api}: ${denied.reason}` : `${api}: ${publicId} ${denied.reason}`;
  }

  isAllowed(publicId: string, args: unknown[]): boolean {
    if (this.mode === 'off') return true;
    return this.denial(publicId, args) === undefined;
  }
}
