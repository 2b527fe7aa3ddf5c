package dev.failoverclient.ledger;

/** A ledger that cannot be written or read; the message is one line naming the file and the problem. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message, null, false, false);
    }
}
