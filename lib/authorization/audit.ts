import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The audit log of personal-data reads: one JSON line per operation that returned personal
 * data, with who (actor, roles), which request and operation, which fields and about whom.
 * Its own logger, not the service log: it is kept whatever LOG_LEVEL says, and goes to
 * `AUDIT_LOG_FILE` when set (appended, created if missing), stdout otherwise.
 * Who changed links is in the identity hub's `audit_log` table, with the verified actor.
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

export interface AuditLog {
  piiRead(entry: PiiReadEntry): void;
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
    flush() {
      logger.flush();
    },
  };
}
