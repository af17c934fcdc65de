package io.rentapi.api.http;

import java.util.Map;

/** An error whose answer needs headers besides the problem document (Retry-After, Allow). */
public interface HeaderCarrying {
    Map<String, String> headers();
}
