package io.depot.engine.expression;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;

/** The user errors arithmetic raises; values never wrap around silently. */
final class NumericErrors {
    private NumericErrors() {}

    static DepotException divisionByZero() {
        return new DepotException(ErrorCode.USER, "Division by zero");
    }

    static DepotException overflow() {
        return new DepotException(ErrorCode.USER, "numeric overflow");
    }

    static DepotException overflow(String detail) {
        return new DepotException(ErrorCode.USER, "numeric overflow: " + detail);
    }
}
