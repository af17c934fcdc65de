package io.rentapi.api.catalog;

import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.util.function.Supplier;

/** A write whose only expected unique-key violation is the client's: answered with a stable 409 code. */
final class UniqueKey {
    private UniqueKey() {
    }

    static <T> T orConflict(ErrorCode code, String detail, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(code, detail);
            }
            throw e;
        }
    }
}
