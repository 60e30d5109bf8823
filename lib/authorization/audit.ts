import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The audit log of personal-data reads: one JSON line per operation that returned personal
 * data, with who (actor, roles), which request and operation, which fields and about whom.
 * Its own logger, not the service log: it is kept whatever LOG_LEVEL says, and goes to
 * `AUDIT_LOG_FILE` when set (appended, created if missing), stdout otherwise.
 * Every mutation through the gateway is a line too (`event: "mutation"`: who, which fields,
 * the ids they named, the outcome, even when refused), so who changed links is answered from
 * this log; the identity hub's `audit_log` table keeps each link change with the verified actor
 * of the signed internal token (`Customer.auditTrail`).
 */
export interface PiiReadEntry {
  actor: string;
  roles: string[];
  requestId: string;
  operation: string;
  /** Whether the caller read the values masked. */
  masked: boolean;
  fields: string[];
  /** `Type:id` of the records read (Customer:cus_..., CrmContact:...). */
  subjects: string[];
}

/** One mutation run through the gateway: who asked to change what, and how it ended. */
export interface MutationEntry {
  actor: string;
  roles: string[];
  requestId: string;
  operation: string;
  /** Each root field with the ids its arguments named (`Mutation.mergeCustomers`, survivorId, mergedId). */
  mutations: { field: string; ids: Record<string, string> }[];
  /** `ok`, or the error codes of the answer (FORBIDDEN, BAD_USER_INPUT...). */
  outcome: string;
}

export interface AuditLog {
  piiRead(entry: PiiReadEntry): void;
  mutation(entry: MutationEntry): void;
  flush(): void;
}

export function createAuditLog(opts: { file?: string | undefined; stream?: DestinationStream; service: string }): AuditLog {
  // Asynchronous writes (no buffering delay: each line is written as it comes), so a busy gateway never waits on the disk or a pipe.
  const destination = opts.stream ?? pino.destination({ dest: opts.file ?? 1, append: true, mkdir: Boolean(opts.file), sync: false });
  const logger: Logger = pino({ name: 'audit', level: 'info', base: { service: opts.service, audit: true } }, destination);
  return {
    piiRead(entry) {
      logger.info({ event: 'pii_read', ...entry }, 'personal data read');
    },
    mutation(entry) {
      logger.info({ event: 'mutation', ...entry }, 'mutation');
    },
    flush() {
      logger.flush();
    },
  };
}
