package dev.failoverclient.ledger;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;

/**
 * A run folder or ledger that cannot be created, written or read; the message is one line naming
 * the file and the problem. Exit 2 (unusable input) unless the caller says otherwise.
 */
public final class LedgerException extends Failure {
    public LedgerException(String message) {
        super(ExitCode.USAGE, message);
    }

    public LedgerException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
