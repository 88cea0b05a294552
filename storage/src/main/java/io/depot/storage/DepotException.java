package io.depot.storage;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception Depot throws for errors that end a statement or a load.
 * The message is a sentence meant for the user; the code says what kind of failure it is.
 */
public class DepotException extends RuntimeException {
    private final ErrorCode code;

    public DepotException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public DepotException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}
