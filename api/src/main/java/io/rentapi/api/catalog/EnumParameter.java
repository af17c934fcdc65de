package io.rentapi.api.catalog;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import java.util.List;
import java.util.function.Function;

/** A query parameter that names one of an enum's values; anything else is a 400. */
public final class EnumParameter {
    private EnumParameter() {
    }

    /** Null when the parameter is absent. */
    public static <E extends Enum<E>> E parse(String name, String value, Function<String, E> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter " + name + " has an invalid value.",
                    List.of(new FieldError(name, "has an invalid value")));
        }
    }
}
